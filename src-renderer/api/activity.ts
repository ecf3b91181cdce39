import { useEffect } from 'react';
import { useSessionStore } from '../state/session-store';
import { useCall } from './vigil-context';

/** Often enough that a few seconds of typing or reading with the mouse keep the session; seldom enough to cost nothing. */
export const ACTIVITY_REPORT_EVERY_MS = 5_000;

/** Several reports fit in the idle timeout, however short an administrator set it. */
export function reportEveryMs(idleTimeoutSeconds: number | null): number {
  return idleTimeoutSeconds === null ? ACTIVITY_REPORT_EVERY_MS : Math.min(ACTIVITY_REPORT_EVERY_MS, (idleTimeoutSeconds * 1000) / 4);
}

/** What a person does at the console; a refresh, an event or a timer is none of these. */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Tells main that a person is at the console, at most every few seconds
 * while they are: the inactivity lock counts only this, never the calls a
 * screen makes to refresh itself (main's Sessions).
 */
export function useActivityReports(): void {
  const call = useCall();
  const every = reportEveryMs(useSessionStore((s) => s.idleTimeoutSeconds));
  useEffect(() => {
    let last = -Infinity;
    const report = () => {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      // A session that ended meanwhile is main's news to tell (session.ended); nothing to do here.
      void call('session.activity', {}).catch(() => undefined);
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, report, { capture: true, passive: true });
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, report, { capture: true });
    };
  }, [call, every]);
}

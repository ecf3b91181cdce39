import { useCallback, useEffect, useState } from 'react';

/** The current time, refreshed on a timer, so "3 min ago" on a wall display does not stand still. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * A countdown to a moment main named ("try again at …"), started when its
 * answer arrives: whole seconds left, ticking once a second until none are.
 */
export function useCountdown() {
  const [clock, setClock] = useState<{ until: number; now: number } | null>(null);
  const running = clock !== null && clock.now < clock.until;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setClock((c) => c && { ...c, now: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const start = useCallback((until: number | null) => setClock(until === null ? null : { until, now: Date.now() }), []);
  return { secondsLeft: clock ? Math.max(0, Math.ceil((clock.until - clock.now) / 1000)) : 0, start };
}

/**
 * An async job on a timer. The next run is armed only when the last one has
 * finished, so runs never overlap however long one takes.
 */
import type { Timers } from '../timers';

export function repeat(timers: Timers, delay: () => number, job: () => Promise<unknown>, onError: (err: unknown) => void): () => void {
  let handle: unknown = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    handle = timers.setTimeout(() => {
      handle = null;
      job().catch(onError).finally(arm);
    }, delay());
  };
  arm();
  return () => {
    stopped = true;
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
}

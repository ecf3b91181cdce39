/**
 * Lets the event loop run (IPC, timers, probe results) between two pieces of
 * a long job. A real setImmediate, not the injectable timers: this is about
 * the main process staying responsive, not about time passing.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

import { useSyncExternalStore } from 'react';

/**
 * One clock for every countdown on screen: a single one-second timer, run
 * while anything shows a countdown, rather than one per row (a queue of
 * fifty rows would otherwise wake fifty times a second).
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const heard of listeners) heard();
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, a second at a time, shared by every countdown. */
export function useTick(): number {
  return useSyncExternalStore(subscribe, () => now);
}

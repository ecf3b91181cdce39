/** Waiting for a contract event in tests, bounded: no test waits forever for something that never comes. */
import type { EventName, EventPayload } from '../../src-shared/contract';
import type { EventBus } from '../../src-main/events';

/** Resolves with the first event (from now on) that matches, or rejects after `ms`. */
export function nextEvent<E extends EventName>(events: EventBus, event: E, match: (payload: EventPayload<E>) => boolean, ms: number): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No ${event} event matched within ${ms} ms`));
    }, ms);
    const off = events.subscribe((m) => {
      if (m.event !== event || !match(m.payload as EventPayload<E>)) return;
      clearTimeout(timer);
      off();
      resolve(m.payload as EventPayload<E>);
    });
  });
}

/** Waiting for what main pushes: the first matching event from now on, or a clear failure after a bound. */
import type { EventBus } from '../../src-main/events';
import type { EventName, EventPayload } from '../../src-shared/contract';

export function nextEvent<E extends EventName>(events: EventBus, event: E, match: (payload: EventPayload<E>) => boolean, ms: number): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No matching ${event} event within ${ms} ms`));
    }, ms);
    const off = events.subscribe((m) => {
      if (m.event !== event || !match(m.payload as EventPayload<E>)) return;
      clearTimeout(timer);
      off();
      resolve(m.payload as EventPayload<E>);
    });
  });
}

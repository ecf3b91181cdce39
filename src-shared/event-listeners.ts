/**
 * The page's event subscriptions behind window.vigil.on, the same for both
 * transports (the Electron preload and the browser bridge): each feeds in the
 * events it receives and the page's listeners get the payload only.
 */
import { assertEventName, type EventName, type VigilApi } from './contract';

type Listener = (payload: unknown) => void;

export interface EventListeners {
  /** VigilApi.on, checking its arguments: the page may call it with anything. */
  on: VigilApi['on'];
  /** Calls every listener of name; one that throws is logged and the rest still run. */
  emit(name: EventName, payload: unknown): void;
}

export function createEventListeners(): EventListeners {
  const listeners = new Map<EventName, Set<Listener>>();
  return {
    on(event, listener) {
      assertEventName(event);
      if (typeof listener !== 'function') throw new TypeError('window.vigil.on: the listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(name, payload) {
      // A snapshot: listeners that subscribe or unsubscribe while this runs do not change who gets this event.
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(payload);
        } catch (err) {
          // One screen's faulty listener must not keep session.ended from the lock screen.
          console.error(err);
        }
      }
    },
  };
}

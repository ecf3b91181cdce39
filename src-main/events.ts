/**
 * The main process's event bus. Services emit contract events here; each
 * transport subscribes and forwards them to the sessions in the event's
 * audience (see EVENTS in the contract).
 */
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../src-shared/contract';

export interface PushedEvent<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
  /** When set, only the session with this token receives the event. */
  toToken?: string;
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per connected window or browser tab.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>, toToken?: string): void {
    const message: PushedEvent<E> = toToken ? { event, payload, toToken } : { event, payload };
    this.emitter.emit('event', message);
  }

  subscribe(listener: (message: PushedEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

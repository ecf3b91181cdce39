/**
 * window.vigil for Electron: invoke(channel, input) and on(event, listener),
 * each limited to the names in the contract, so the page can reach exactly the
 * contract and nothing else of IPC. Built from an ipcRenderer-like object so
 * tests can stub it.
 */
import {
  isChannelName,
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type VigilApi,
} from '../src-shared/contract';
import type { Envelope } from '../src-shared/errors';

/** Main registers the same two names (src-main/electron/ipc-bridge.ts); a test keeps them equal. */
export const INVOKE_CHANNEL = 'vigil:invoke';
export const EVENT_CHANNEL = 'vigil:event';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Listener = (payload: unknown) => void;

export function createVigilApi(ipc: IpcRendererLike): VigilApi {
  const listeners = new Map<string, Set<Listener>>();

  // One IPC listener for the page's many subscriptions; the page gets the payload, never the IpcRendererEvent.
  ipc.on(EVENT_CHANNEL, (_event, name, payload) => {
    const subscribed = typeof name === 'string' ? listeners.get(name) : undefined;
    for (const listener of [...(subscribed ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        // One screen's faulty listener must not keep session.ended from the lock screen.
        console.error(err);
      }
    }
  });

  return {
    invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
      if (!isChannelName(channel)) throw new TypeError(`window.vigil.invoke: there is no channel named ${String(channel)}`);
      return ipc.invoke(INVOKE_CHANNEL, channel, input) as Promise<Envelope<ChannelOutput<C>>>;
    },
    on(event, listener) {
      if (!isEventName(event)) throw new TypeError(`window.vigil.on: there is no event named ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('window.vigil.on: the listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}

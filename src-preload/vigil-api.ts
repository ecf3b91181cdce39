/**
 * window.vigil for Electron: invoke(channel, input) and on(event, listener),
 * each limited to the names in the contract, so the page can reach exactly the
 * contract and nothing else of IPC. Built from an ipcRenderer-like object so
 * tests can stub it.
 */
import {
  assertChannelName,
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type SavedPdf,
  type VigilApi,
} from '../src-shared/contract';
import type { Envelope } from '../src-shared/errors';
import { createEventListeners } from '../src-shared/event-listeners';

/** Main registers the same two names (src-main/electron/ipc-bridge.ts); a test keeps them equal. */
export const INVOKE_CHANNEL = 'vigil:invoke';
export const EVENT_CHANNEL = 'vigil:event';
export const SAVE_PDF_CHANNEL = 'vigil:save-pdf';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createVigilApi(ipc: IpcRendererLike): VigilApi {
  const listeners = createEventListeners();

  // One IPC listener for the page's many subscriptions; the page gets the payload, never the IpcRendererEvent.
  ipc.on(EVENT_CHANNEL, (_event, name, payload) => {
    if (isEventName(name)) listeners.emit(name, payload);
  });

  return {
    invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
      assertChannelName(channel);
      return ipc.invoke(INVOKE_CHANNEL, channel, input) as Promise<Envelope<ChannelOutput<C>>>;
    },
    on: listeners.on,
    savePdf: (fileName) => ipc.invoke(SAVE_PDF_CHANNEL, String(fileName)) as Promise<SavedPdf>,
  };
}

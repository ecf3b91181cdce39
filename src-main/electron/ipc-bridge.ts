/**
 * The Electron transport for the contract: one ipcMain handler passes every
 * call from an app window to the dispatcher with that window's session, and
 * bus events go to the windows whose session may see them. Electron's objects
 * come in as parameters, so tests drive this under plain Node.
 */
import type { ChannelOutput } from '../../src-shared/contract';
import type { Envelope } from '../../src-shared/errors';
import type { Vigil } from '../app';
import { LOCAL_SOURCE, mayReceive } from '../dispatch';
import type { PushedEvent } from '../events';
import type { Logger } from '../log';
import { isAppUrl } from './app-origin';
import { pdfFileName } from './pdf-save';
import { WindowSessions, type WindowContents } from './window-sessions';

/** The preload uses the same names (src-preload/vigil-api.ts); a test keeps them equal. */
export const INVOKE_CHANNEL = 'vigil:invoke';
export const EVENT_CHANNEL = 'vigil:event';
export const SAVE_PDF_CHANNEL = 'vigil:save-pdf';

export interface SenderFrame {
  readonly url: string;
  /** Null for the top frame of a window. */
  readonly parent: unknown;
}

export interface InvokeEvent {
  readonly sender: { readonly id: number };
  /** Null when the frame navigated away or was destroyed before the call arrived. */
  readonly senderFrame: SenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcBridge {
  /** Lets a window call the contract and receive events. */
  attach(contents: WindowContents): void;
  /** The window closed: its session ends with it, since nothing else holds the token. */
  detach(id: number): void;
  dispose(): void;
}

const REFUSED_MESSAGE = 'This call did not come from the Vigil window.';
const REFUSED: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN', message: REFUSED_MESSAGE } };

/** Enough to recognise the sender in the log without recording whatever a query string carried. */
function describeFrame(frame: SenderFrame | null): Record<string, unknown> {
  if (!frame) return { frame: 'gone' };
  return { frameUrl: frame.url.split(/[?#]/, 1)[0]?.slice(0, 200), topFrame: frame.parent === null };
}

export function createIpcBridge(deps: {
  ipcMain: IpcMainLike;
  vigil: Pick<Vigil, 'dispatch' | 'events' | 'sessions'>;
  log: Logger;
  /** Saves the calling window's page as a PDF named so (pdf-save.ts); the path, or null when cancelled. */
  savePdf: (webContentsId: number, fileName: string) => Promise<string | null>;
}): IpcBridge {
  const { ipcMain, vigil, log } = deps;
  const windows = new WindowSessions();
  /** A window's session ends with it, whichever kind it is. */
  const endSession = (token: string) => {
    vigil.sessions.end(token, 'logout');
    vigil.sessions.endDisplaySession(token);
  };

  /** The calling window, when the call comes from the top frame of one of ours showing our own page: not an iframe, not a foreign page. */
  const appWindow = (event: InvokeEvent, channel: unknown) => {
    const window = windows.get(event.sender.id);
    const frame = event.senderFrame;
    if (window && frame && frame.parent === null && isAppUrl(frame.url)) return window;
    log.warn('IPC call refused: not from the app window', {
      channel: String(channel).slice(0, 80),
      webContentsId: event.sender.id,
      ...describeFrame(frame),
    });
    return null;
  };

  ipcMain.handle(INVOKE_CHANNEL, async (event, channel, input) => {
    const window = appWindow(event, channel);
    if (!window) return REFUSED;

    // The app's own window on this machine: a local caller, like a person at the workstation.
    const reply = await vigil.dispatch(channel, input, { token: window.token, source: LOCAL_SOURCE });
    if (!reply.ok) return reply;
    // A wall display's session is held by its window the same way (display.connect, for a wall run in the app).
    if (channel === 'session.login' || channel === 'display.connect') {
      const { token, ...withoutToken } = reply.data as ChannelOutput<'session.login' | 'display.connect'>;
      // A window holds one session. Nobody else holds these tokens, so a session the window no longer
      // holds (signed in again, or closed while the password was being checked) could never be used.
      if (windows.get(event.sender.id) === window) {
        const previous = window.token;
        window.token = token;
        if (previous) endSession(previous);
      } else {
        endSession(token);
      }
      return { ok: true, data: withoutToken };
    }
    if (channel === 'session.logout') window.token = null;
    return reply;
  });

  // Only a signed-in window's page: what it shows was already given to that session.
  ipcMain.handle(SAVE_PDF_CHANNEL, async (event, fileName) => {
    const window = appWindow(event, SAVE_PDF_CHANNEL);
    if (!window || window.token === null || !vigil.sessions.resolve(window.token)) throw new Error(REFUSED_MESSAGE);
    return { path: await deps.savePdf(event.sender.id, pdfFileName(fileName)) };
  });

  function mayDeliver(token: string, message: PushedEvent): boolean {
    const caller = vigil.sessions.resolve(token) ?? vigil.sessions.resolveDisplay(token);
    // An event addressed to a session that has already gone (session.ended itself) still reaches its window.
    return caller ? mayReceive(caller, message) : message.toToken === token;
  }

  const unsubscribe = vigil.events.subscribe((message) => {
    for (const window of windows.all()) {
      const { token, contents } = window;
      if (token === null || !mayDeliver(token, message) || contents.isDestroyed()) continue;
      contents.send(EVENT_CHANNEL, message.event, message.payload);
    }
    if ((message.event === 'session.ended' || message.event === 'display.revoked') && message.toToken) windows.forgetToken(message.toToken);
  });

  return {
    attach: (contents) => windows.attach(contents),
    detach: (id) => {
      const token = windows.detach(id);
      if (token) endSession(token);
    },
    dispose: () => {
      ipcMain.removeHandler(INVOKE_CHANNEL);
      ipcMain.removeHandler(SAVE_PDF_CHANNEL);
      unsubscribe();
    },
  };
}

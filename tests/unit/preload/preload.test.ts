import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src-shared/contract';
import { createVigilApi, EVENT_CHANNEL, INVOKE_CHANNEL, SAVE_PDF_CHANNEL, type IpcRendererLike } from '../../../src-preload/vigil-api';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer stand-in that records calls and lets a test play the main process. */
function stubIpc() {
  const listeners = new Map<string, IpcListener[]>();
  const ipc = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, data: {} })),
    on: vi.fn((channel: string, listener: IpcListener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
    /** What main's webContents.send(channel, ...args) would deliver, with a fake IpcRendererEvent first. */
    push(channel: string, ...args: unknown[]) {
      const event = { sender: { secret: 'ipcRenderer' }, ports: [] };
      for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
    },
  } satisfies IpcRendererLike & Record<string, unknown>;
  return ipc;
}

afterEach(() => {
  vi.resetModules();
  vi.doUnmock('electron');
});

describe('the preload entry', () => {
  it('exposes exactly one key, window.vigil, holding only invoke, on and savePdf', async () => {
    const exposeInMainWorld = vi.fn();
    const ipc = stubIpc();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: ipc }));
    await import('../../../src-preload/index');

    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('vigil');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'savePdf']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });
});

describe('window.vigil.savePdf', () => {
  it('asks main over its own channel with the name as text, and answers what main answers', async () => {
    const ipc = stubIpc();
    ipc.invoke.mockResolvedValueOnce({ path: '/home/safety/Documents/report.pdf' });
    const api = createVigilApi(ipc);
    expect(await api.savePdf!({ toString: () => 'report' } as unknown as string)).toEqual({ path: '/home/safety/Documents/report.pdf' });
    expect(ipc.invoke.mock.calls).toEqual([[SAVE_PDF_CHANNEL, 'report']]);
  });
});

describe('window.vigil.invoke', () => {
  it('sends every contract channel over the one invoke channel', async () => {
    const ipc = stubIpc();
    const api = createVigilApi(ipc);
    for (const channel of CHANNEL_NAMES) await api.invoke(channel, {} as never);
    expect(ipc.invoke.mock.calls).toEqual(CHANNEL_NAMES.map((channel) => [INVOKE_CHANNEL, channel, {}]));
  });

  it.each(['users.drop', '__proto__', 'constructor', 'toString', '', 'vigil:invoke'])(
    'throws for %j before anything reaches IPC',
    (name) => {
      const ipc = stubIpc();
      const api = createVigilApi(ipc);
      expect(() => api.invoke(name as never, {} as never)).toThrow(TypeError);
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('throws for a name that is not a string', () => {
    const ipc = stubIpc();
    const api = createVigilApi(ipc);
    expect(() => api.invoke({ toString: () => 'setup.status' } as never, {} as never)).toThrow(TypeError);
    expect(ipc.invoke).not.toHaveBeenCalled();
  });
});

describe('window.vigil.on', () => {
  it('hands the listener the payload only, never the IPC event', () => {
    const ipc = stubIpc();
    const api = createVigilApi(ipc);
    const listener = vi.fn();
    api.on('users.changed', listener);

    ipc.push(EVENT_CHANNEL, 'users.changed', { userId: 7 });

    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ userId: 7 }]);
  });

  it('delivers each event to its own listeners only', () => {
    const ipc = stubIpc();
    const api = createVigilApi(ipc);
    const ended = vi.fn();
    const changed = vi.fn();
    api.on('session.ended', ended);
    api.on('users.changed', changed);

    ipc.push(EVENT_CHANNEL, 'session.ended', { reason: 'idle' });
    ipc.push(EVENT_CHANNEL, 'not.an.event', {});
    ipc.push('some-other-channel', 'users.changed', { userId: 1 });

    expect(ended).toHaveBeenCalledWith({ reason: 'idle' });
    expect(changed).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const ipc = stubIpc();
    const api = createVigilApi(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.on('audit.appended', first);
    api.on('audit.appended', second);

    offFirst();
    offFirst();
    ipc.push(EVENT_CHANNEL, 'audit.appended', { lastSeq: 3 });

    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ lastSeq: 3 });
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const ipc = stubIpc();
    const api = createVigilApi(ipc);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    api.on('session.ended', () => {
      throw new Error('screen bug');
    });
    api.on('session.ended', after);

    ipc.push(EVENT_CHANNEL, 'session.ended', { reason: 'logout' });

    expect(after).toHaveBeenCalledWith({ reason: 'logout' });
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('registers one IPC listener however many subscriptions the page makes', () => {
    const ipc = stubIpc();
    const api = createVigilApi(ipc);
    for (const name of EVENT_NAMES) for (let i = 0; i < 20; i += 1) api.on(name, () => {});
    expect(ipc.on).toHaveBeenCalledTimes(1);
    expect(ipc.on).toHaveBeenCalledWith(EVENT_CHANNEL, expect.any(Function));
  });

  it.each(['session.started', '__proto__', 'hasOwnProperty'])('throws for %j', (name) => {
    const api = createVigilApi(stubIpc());
    expect(() => api.on(name as never, () => {})).toThrow(TypeError);
  });

  it('throws when the listener is not a function', () => {
    const api = createVigilApi(stubIpc());
    expect(() => api.on('session.ended', 'alert(1)' as never)).toThrow(TypeError);
  });
});

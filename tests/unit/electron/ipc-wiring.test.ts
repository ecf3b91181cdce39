/**
 * The Electron transport with Electron stubbed out and everything behind it
 * real: createVigil on a temp folder, the OS keychain (scripts/with-keyring.sh).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createIpcBridge,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  SAVE_PDF_CHANNEL,
  type InvokeEvent,
  type IpcBridge,
  type IpcMainLike,
  type SenderFrame,
} from '../../../src-main/electron/ipc-bridge';
import type { WindowContents } from '../../../src-main/electron/window-sessions';
import { manualClock } from '../../../src-main/clock';
import type { PushedEvent } from '../../../src-main/events';
import { createLogger } from '../../../src-main/log';
import * as preload from '../../../src-preload/vigil-api';
import { CHANNEL_NAMES, type ChannelInput, type ChannelName } from '../../../src-shared/contract';
import type { Envelope } from '../../../src-shared/errors';
import { ADMIN, startTestVigil, type TestVigil } from '../../helpers/test-vigil';

type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown;

class StubIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class StubWindow implements WindowContents {
  readonly sent: unknown[][] = [];
  destroyed = false;
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The events this window received, as [name, payload]. */
  events(): unknown[][] {
    return this.sent.filter(([channel]) => channel === EVENT_CHANNEL).map(([, name, payload]) => [name, payload]);
  }
}

const APP_FRAME: SenderFrame = { url: 'vigil://app/index.html', parent: null };
const OPERATOR = { username: 'olive', displayName: 'Olive Operator', role: 'operator' as const, password: 'operator password 1' };

let vigil: TestVigil;
let ipcMain: StubIpcMain;
let bridge: IpcBridge;
let bridgeLog: string[];
let clock: ReturnType<typeof manualClock>;
/** What the bridge asked to be saved as a PDF: the window's id and the file's name. */
let pdfs: Array<[number, string]>;
const IDLE_MS = 60_000;

function call(from: StubWindow | { id: number }, channel: unknown, input: unknown, frame: SenderFrame | null = APP_FRAME) {
  const handler = ipcMain.handlers.get(INVOKE_CHANNEL);
  if (!handler) throw new Error('no invoke handler registered');
  return handler({ sender: { id: from.id }, senderFrame: frame }, channel, input) as Promise<Envelope<unknown>>;
}

async function ok<C extends ChannelName>(from: StubWindow, channel: C, input: ChannelInput<C>): Promise<unknown> {
  const reply = await call(from, channel, input);
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

function openWindow(id: number): StubWindow {
  const window = new StubWindow(id);
  bridge.attach(window);
  return window;
}

function signIn(window: StubWindow, who: { username: string; password: string } = ADMIN): Promise<unknown> {
  return ok(window, 'session.login', { username: who.username, password: who.password });
}

/** Window 1 with the first admin created and signed in there. */
async function adminWindow(): Promise<StubWindow> {
  const window = openWindow(1);
  await ok(window, 'setup.createAdmin', ADMIN);
  await signIn(window);
  return window;
}

/** Every session.ended main emits from now on, to whichever session. */
function endedSessions(): PushedEvent[] {
  const ended: PushedEvent[] = [];
  vigil.events.subscribe((m: PushedEvent) => m.event === 'session.ended' && ended.push(m));
  return ended;
}

beforeEach(async () => {
  clock = manualClock();
  vigil = await startTestVigil({ clock, idleTimeoutMs: IDLE_MS });
  ipcMain = new StubIpcMain();
  bridgeLog = [];
  pdfs = [];
  bridge = createIpcBridge({
    ipcMain,
    vigil,
    log: createLogger({ sink: (line) => bridgeLog.push(line) }),
    savePdf: async (id, fileName) => {
      pdfs.push([id, fileName]);
      return `/home/safety/Documents/${fileName}`;
    },
  });
});

afterEach(async () => {
  bridge.dispose();
  await vigil.close();
});

describe('the IPC handlers', () => {
  it('registers the invoke and save-as-PDF handlers under the names the preload uses, and removes them on dispose', () => {
    expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL, SAVE_PDF_CHANNEL]);
    expect(preload.INVOKE_CHANNEL).toBe(INVOKE_CHANNEL);
    expect(preload.EVENT_CHANNEL).toBe(EVENT_CHANNEL);
    expect(preload.SAVE_PDF_CHANNEL).toBe(SAVE_PDF_CHANNEL);
    bridge.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it("serves exactly the contract's channels", async () => {
    const window = openWindow(1);
    const unknown = /There is no channel named/;
    for (const channel of CHANNEL_NAMES) {
      const reply = await call(window, channel, {});
      expect(reply.ok || !unknown.test(reply.error.message), channel).toBe(true);
    }
    for (const channel of ['users.drop', '__proto__', 'constructor', 'vigil:invoke', 42, null]) {
      const reply = await call(window, channel, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('the sender check', () => {
  const foreignFrames: [string, SenderFrame | null][] = [
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['another host on the app scheme', { url: 'vigil://evil/index.html', parent: null }],
    ['a file:// page', { url: 'file:///tmp/index.html', parent: null }],
    ['a subframe of the app', { url: 'vigil://app/index.html', parent: { url: 'vigil://app/index.html' } }],
    ['a frame that is gone', null],
  ];

  it.each(foreignFrames)('drops a call from %s, with FORBIDDEN and a log line', async (_what, frame) => {
    const window = openWindow(1);
    const dispatch = vi.spyOn(vigil, 'dispatch');

    const reply = await call(window, 'setup.status', {}, frame);

    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(bridgeLog.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'warn', message: 'IPC call refused: not from the app window', channel: 'setup.status' }),
    ]);
  });

  it('drops a call from a webContents that is not an app window', async () => {
    openWindow(1);
    const reply = await call({ id: 99 }, 'setup.status', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('drops calls from a window after it closed', async () => {
    const window = openWindow(1);
    bridge.detach(window.id);
    expect(await call(window, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('saving the page as a PDF', () => {
  const save = (from: { id: number }, fileName: unknown, frame: SenderFrame | null = APP_FRAME) =>
    ipcMain.handlers.get(SAVE_PDF_CHANNEL)!({ sender: { id: from.id }, senderFrame: frame }, fileName) as Promise<{ path: string | null }>;

  it("saves a signed-in window's page under a safe name, and says where", async () => {
    const window = await adminWindow();
    expect(await save(window, 'clinical-validation-2026-11')).toEqual({ path: '/home/safety/Documents/clinical-validation-2026-11.pdf' });
    expect(await save(window, '../../etc/passwd')).toEqual({ path: '/home/safety/Documents/passwd.pdf' });
    expect(pdfs).toEqual([
      [1, 'clinical-validation-2026-11.pdf'],
      [1, 'passwd.pdf'],
    ]);
  });

  it('refuses a window nobody is signed in to, another frame, and a webContents that is not an app window', async () => {
    const window = openWindow(1);
    await expect(save(window, 'report')).rejects.toThrow('This call did not come from the Vigil window.');
    await ok(window, 'setup.createAdmin', ADMIN);
    await signIn(window);
    await expect(save(window, 'report', { url: 'https://evil.example/', parent: null })).rejects.toThrow('This call did not come from the Vigil window.');
    await expect(save({ id: 99 }, 'report')).rejects.toThrow('This call did not come from the Vigil window.');
    expect(pdfs).toEqual([]);
  });
});

describe('sessions per window', () => {
  it('passes a call from the app window on to the dispatcher', async () => {
    const window = openWindow(1);
    const dispatch = vi.spyOn(vigil, 'dispatch');
    // The window is on this machine: a local caller, who needs no setup code.
    expect(await ok(window, 'setup.status', {})).toEqual({ needsAdmin: true, setupCodeRequired: false, version: expect.any(String) });
    expect(dispatch).toHaveBeenCalledWith('setup.status', {}, { token: null, source: { kind: 'local' } });
  });

  it("counts the window as this computer: setup needs no code, and failed sign-ins lock it here", async () => {
    const window = openWindow(1);
    await ok(window, 'setup.createAdmin', ADMIN);
    for (let i = 0; i < 5; i++) await call(window, 'session.login', { username: ADMIN.username, password: 'not the password' });
    const locked = await call(window, 'session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: true } } });
    expect(!locked.ok && locked.error.message).toMatch(/locked on this computer/);
  });

  it('keeps the token from login in main and uses it for that window only', async () => {
    const window = openWindow(1);
    const other = openWindow(2);
    await ok(window, 'setup.createAdmin', ADMIN);
    const issued: string[] = [];
    vigil.events.subscribe((m: PushedEvent) => m.toToken && issued.push(m.toToken));

    const login = await call(window, 'session.login', { username: ADMIN.username, password: ADMIN.password });

    expect(login).toMatchObject({ ok: true, data: { user: { username: 'admin' }, idleTimeoutSeconds: IDLE_MS / 1000 } });
    expect(login.ok && 'token' in (login.data as object)).toBe(false);
    expect(await ok(window, 'session.whoami', {})).toMatchObject({ user: { username: 'admin' } });
    expect(await call(other, 'session.whoami', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // Nothing carrying a token went to either window.
    await ok(window, 'session.logout', {});
    const [token] = issued;
    expect(token).toBeDefined();
    expect(JSON.stringify([window.sent, other.sent, login])).not.toContain(token);
  });

  it('forgets the session on logout and tells the window', async () => {
    const window = await adminWindow();

    await ok(window, 'session.logout', {});

    expect(window.events()).toContainEqual(['session.ended', { reason: 'logout' }]);
    expect(await call(window, 'session.whoami', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('delivers session.ended to a window whose session timed out, then forgets it', async () => {
    const window = await adminWindow();

    clock.advance(IDLE_MS);
    vigil.sessions.sweep();

    expect(window.events()).toEqual([['session.ended', { reason: 'idle' }]]);
    vigil.events.emit('users.changed', { userId: 1 });
    expect(window.events()).toHaveLength(1);
  });

  it('ends the session of a window that closes', async () => {
    const window = await adminWindow();
    const ended = endedSessions();

    bridge.detach(window.id);

    expect(ended).toEqual([{ event: 'session.ended', payload: { reason: 'logout' }, toToken: expect.any(String) }]);
    expect(window.events()).toEqual([]);
  });

  it('ends the previous session when a window signs in again, without telling the window', async () => {
    const window = await adminWindow();
    const ended = endedSessions();

    await signIn(window);

    expect(ended).toEqual([{ event: 'session.ended', payload: { reason: 'logout' }, toToken: expect.any(String) }]);
    expect(window.events().map(([name]) => name)).not.toContain('session.ended');
    expect(await ok(window, 'session.whoami', {})).toMatchObject({ user: { username: 'admin' } });
  });

  it('ends a session whose window closed while the login was being checked', async () => {
    const window = openWindow(1);
    await ok(window, 'setup.createAdmin', ADMIN);
    const ended = endedSessions();

    const login = call(window, 'session.login', { username: ADMIN.username, password: ADMIN.password });
    bridge.detach(window.id);
    await login;

    expect(ended).toHaveLength(1);
  });
});

describe('events', () => {
  async function signedInWindows() {
    const admin = openWindow(1);
    const operator = openWindow(2);
    const signedOut = openWindow(3);
    await ok(admin, 'setup.createAdmin', ADMIN);
    await signIn(admin);
    const created = (await ok(admin, 'users.create', OPERATOR)) as { id: number };
    await signIn(operator, OPERATOR);
    for (const w of [admin, operator, signedOut]) w.sent.length = 0;
    return { admin, operator, signedOut, operatorId: created.id };
  }

  it("reach only the windows whose session is in the event's audience", async () => {
    const { admin, operator, signedOut } = await signedInWindows();

    vigil.events.emit('users.changed', { userId: 5 });
    vigil.events.emit('audit.appended', { lastSeq: 9 });

    expect(admin.events()).toEqual([
      ['users.changed', { userId: 5 }],
      ['audit.appended', { lastSeq: 9 }],
    ]);
    expect(operator.events()).toEqual([]);
    expect(signedOut.events()).toEqual([]);
  });

  it('send an event addressed to one session to its window only, even once that session is gone', async () => {
    const { admin, operator, signedOut, operatorId } = await signedInWindows();

    await ok(admin, 'users.disable', { id: operatorId });

    expect(operator.events()).toEqual([['session.ended', { reason: 'disabled' }]]);
    expect(admin.events().map(([name]) => name)).not.toContain('session.ended');
    expect(signedOut.events()).toEqual([]);
    expect(await call(operator, 'session.whoami', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('skip a window that is already destroyed', async () => {
    const { admin } = await signedInWindows();
    admin.destroyed = true;
    vigil.events.emit('users.changed', { userId: 5 });
    expect(admin.events()).toEqual([]);
  });

  it('stop after dispose', async () => {
    const { admin } = await signedInWindows();
    bridge.dispose();
    vigil.events.emit('users.changed', { userId: 5 });
    expect(admin.events()).toEqual([]);
  });
});

describe('a wall display in an app window', () => {
  it('holds the display session in main, hears only display events, and drops it when the display is removed', async () => {
    const admin = await adminWindow();
    const { display, code } = (await ok(admin, 'displays.create', { name: 'Lobby wall' })) as { display: { id: string }; code: string };
    const wall = openWindow(2);
    const secret = 'a'.repeat(43);
    const { displayToken } = (await ok(wall, 'display.pair', { code, secret })) as { displayToken: string };
    const connected = await call(wall, 'display.connect', { displayToken, secret });
    expect(connected).toMatchObject({ ok: true, data: { display: { id: display.id, name: 'Lobby wall' } } });
    expect(connected.ok && 'token' in (connected.data as object)).toBe(false);
    expect(await ok(wall, 'display.board', {})).toMatchObject({ display: { name: 'Lobby wall' } });
    expect(await call(wall, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    vigil.events.emit('display.changed', {});
    vigil.events.emit('users.changed', { userId: 1 });
    expect(wall.events()).toEqual([['display.changed', {}]]);
    expect(admin.events().map(([name]) => name)).not.toContain('display.changed');

    await ok(admin, 'displays.revoke', { id: display.id });
    expect(wall.events().at(-1)).toEqual(['display.revoked', {}]);
    expect(await call(wall, 'display.board', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

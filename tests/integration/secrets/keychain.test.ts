/**
 * The keychain against a real Secret Service. Run through
 * scripts/with-keyring.sh, which gives this process an unlocked throwaway
 * keyring; the failure cases run a child process in a broken environment.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeychain } from '../../../src-main/secrets/keychain';
import type { SecretStore } from '../../../src-main/secrets/secret-store';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const CHILD = join(HERE, 'keychain-child.ts');
const RUN_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

const used: SecretStore[] = [];
function store(name: string): SecretStore {
  const s = createKeychain({ service: `vigil-test-${name}-${RUN_ID}` });
  used.push(s);
  return s;
}

afterAll(async () => {
  for (const s of used) for (const account of await s.list()) await s.delete(account);
});

describe('keychain on the real Secret Service', () => {
  it('sets, gets, lists, overwrites and deletes', async () => {
    const s = store('roundtrip');
    expect(await s.list()).toEqual([]);
    await s.set('client-secret:epic', 's3cret');
    await s.set('db-key', 'a'.repeat(64));
    expect(await s.get('client-secret:epic')).toBe('s3cret');
    expect(await s.list()).toEqual(['client-secret:epic', 'db-key']);

    await s.set('client-secret:epic', 'rotated');
    expect(await s.get('client-secret:epic')).toBe('rotated');
    expect(await s.list()).toEqual(['client-secret:epic', 'db-key']);

    expect(await s.delete('client-secret:epic')).toBe(true);
    expect(await s.get('client-secret:epic')).toBeNull();
    expect(await s.list()).toEqual(['db-key']);
  });

  it('keeps unicode and 4 KB values exactly', async () => {
    const s = store('values');
    const unicode = 'pässwörd ✓ 日本語 🔑 \u00a0tab\tquote"\'\\';
    const long = ('0123456789abcdef🔑'.repeat(300)).slice(0, 4096);
    await s.set('unicode', unicode);
    await s.set('long', long);
    expect(await s.get('unicode')).toBe(unicode);
    expect(await s.get('long')).toBe(long);
    expect(long.length).toBe(4096);
  });

  it('answers a missing account with null and false', async () => {
    const s = store('missing');
    expect(await s.get('nobody')).toBeNull();
    expect(await s.delete('nobody')).toBe(false);
  });

  it('keeps services apart', async () => {
    const a = store('left');
    const b = store('right');
    await a.set('shared-name', 'from-a');
    await b.set('only-b', 'from-b');
    expect(await a.list()).toEqual(['shared-name']);
    expect(await b.list()).toEqual(['only-b']);
    expect(await b.get('shared-name')).toBeNull();
    expect(await b.delete('shared-name')).toBe(false);
    expect(await a.get('shared-name')).toBe('from-a');
  });

  it('lists while other calls add and remove accounts at the same time', async () => {
    const s = store('concurrent');
    for (let i = 0; i < 15; i++) {
      const calls = [s.list(), s.set(`a${i}`, 'v'), s.list(), i > 0 ? s.delete(`a${i - 1}`) : s.list(), s.list()];
      await expect(Promise.all(calls)).resolves.toBeDefined();
    }
    expect(await s.list()).toEqual(['a14']);
  });

  it('leaves nothing behind from its lock probe', async () => {
    const s = store('probe');
    await s.list();
    expect(await s.get('absent')).toBeNull();
    expect(await createKeychain({ service: `${s.service}.lock-probe` }).list()).toEqual([]);
  });

  it('refuses empty names and values instead of storing them', async () => {
    const s = store('empty');
    await expect(s.set('', 'x')).rejects.toThrow(TypeError);
    await expect(s.set('account', '')).rejects.toThrow(/use delete\(\)/);
    expect(() => createKeychain({ service: '' })).toThrow(TypeError);
    expect(await s.list()).toEqual([]);
  });
});

interface ChildResult {
  ok: boolean;
  result?: unknown;
  name?: string;
  code?: string | null;
  message?: string;
}

const MARKER = 'keychain-result:';
const nodeArgs = (service: string, ...op: string[]) => [process.execPath, '--import', 'tsx', CHILD, service, ...op];

function results(stdout: string): ChildResult[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(MARKER))
    .map((line) => JSON.parse(line.slice(MARKER.length)) as ChildResult);
}

/** Runs argv with only the environment given (plus PATH and HOME), collecting the children's results. */
function runIsolated(argv: string[], env: Record<string, string> = {}): ChildResult[] {
  const [cmd = '', ...args] = argv;
  const child = spawnSync(cmd, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.error) throw child.error;
  const found = results(child.stdout);
  if (found.length === 0) throw new Error(`no result from child (status ${child.status}):\n${child.stdout}\n${child.stderr}`);
  return found;
}

function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const onLinux = process.platform === 'linux';
const canStartSessions = onLinux && hasTool('dbus-run-session') && hasTool('gnome-keyring-daemon') && hasTool('dbus-send');

describe.runIf(onLinux)('keychain without a session bus', () => {
  it.each([
    ['no bus address and no display', {}],
    ['a bus address whose socket is gone', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/vigil-bus' }],
  ])('reports NO_SESSION_BUS with the fix (%s)', (_label, env) => {
    const [res] = runIsolated(nodeArgs(`vigil-test-nobus-${RUN_ID}`, 'list'), env);
    expect(res).toMatchObject({ ok: false, name: 'KeychainError', code: 'NO_SESSION_BUS' });
    expect(res?.message).toMatch(/no D-Bus session bus/);
    expect(res?.message).toMatch(/dbus-run-session/);
    expect(res?.message).toMatch(/gnome-keyring-daemon --unlock/);
  });
});

describe.runIf(canStartSessions)('keychain in a D-Bus session without a usable keyring', () => {
  const dirs: string[] = [];
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-keychain-'));
    dirs.push(dir);
    return dir;
  }
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('reports NO_SECRET_SERVICE when nothing provides org.freedesktop.secrets', () => {
    const dir = tempDir();
    // A session bus with no service directories, so gnome-keyring cannot be activated.
    const config = join(dir, 'bare-session.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy>
</busconfig>
`,
    );
    const [res] = runIsolated(['dbus-run-session', `--config-file=${config}`, '--', ...nodeArgs(`vigil-test-nosvc-${RUN_ID}`, 'get')]);
    expect(res).toMatchObject({ ok: false, name: 'KeychainError', code: 'NO_SECRET_SERVICE' });
    expect(res?.message).toMatch(/no Secret Service/);
    expect(res?.message).toMatch(/gnome-keyring|KWallet/);
  });

  it('reports LOCKED when the keyring daemon has no unlocked login collection', () => {
    const script = `gnome-keyring-daemon --start --components=secrets >/dev/null
"$@" set; "$@" get; "$@" list`;
    const res = runIsolated(
      ['dbus-run-session', '--', 'bash', '-c', script, '_', ...nodeArgs(`vigil-test-nologin-${RUN_ID}`)],
      { XDG_DATA_HOME: tempDir() },
    );
    expect(res).toHaveLength(3);
    for (const r of res) {
      expect(r).toMatchObject({ ok: false, name: 'KeychainError', code: 'LOCKED' });
      expect(r.message).toMatch(/locked or has no "login" collection/);
      expect(r.message).toMatch(/[Uu]nlock/);
    }
  });

  it('reports LOCKED, and does not crash, once a keyring with items is locked', () => {
    // Reads on a locked collection come back empty, and keytar's findCredentials
    // crashes the process on the locked items; the keychain must turn both into LOCKED.
    const script = `echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@" set db-key k1 && "$@" get db-key || exit 1
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \\
  org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null || exit 1
"$@" get db-key; "$@" list; "$@" delete db-key; "$@" set db-key k2`;
    const res = runIsolated(
      ['dbus-run-session', '--', 'bash', '-c', script, '_', ...nodeArgs(`vigil-test-locked-${RUN_ID}`)],
      { XDG_DATA_HOME: tempDir() },
    );
    expect(res.slice(0, 2)).toEqual([
      { ok: true, result: null },
      { ok: true, result: 'k1' },
    ]);
    expect(res).toHaveLength(6);
    for (const r of res.slice(2)) expect(r).toMatchObject({ ok: false, code: 'LOCKED' });
  });
});

/**
 * The local recovery command end to end: a real data folder and keychain, the
 * real host locking an administrator out, the command (from source, as
 * `npm run admin` runs it) resetting the password, and the host letting the
 * administrator in again with the change in the audit log.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../../src-main/host/host';
import { createLogger } from '../../../src-main/log';
import { createKeychain } from '../../../src-main/secrets/keychain';
import { postApi } from '../../unit/host/raw-http';

const ADMIN = { username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' };
const NEW_PASSWORD = 'a recovered password';

let dataDir: string;
const service = `vigil-test-recovery-${randomBytes(6).toString('hex')}`;
const secrets = createKeychain({ service });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function recover(args: string[], input = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/recovery/cli.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (run.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
  child.stdin.end(input);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}

const resetArgs = (username = ADMIN.username) => ['reset-password', '--username', username, '--data-dir', dataDir, '--keychain-service', service];

function start(): Promise<Host> {
  return startHost({
    port: 0,
    dataDir,
    vigilOptions: { secrets, log: createLogger({ sink: () => {} }), sandbox: false, monitor: { workstation: false } },
  });
}

interface Reply {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string };
}

async function post(host: Host, channel: string, input: unknown, token?: string): Promise<Reply> {
  return (await postApi(host.url, channel, input, { token })).json() as Reply;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-recovery-'));
});

afterAll(async () => {
  for (const account of await secrets.list()) await secrets.delete(account);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run admin -- reset-password', () => {
  it('explains its usage', async () => {
    const help = await recover(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run admin -- reset-password --username <name>');
    const none = await recover([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Name the command: reset-password.');
  });

  it('lets a locked-out administrator in again, once Vigil is stopped, and audits it', async () => {
    let host = await start();
    try {
      expect((await post(host, 'setup.createAdmin', ADMIN)).ok).toBe(true);
      for (let i = 0; i < 5; i++) await post(host, 'session.login', { username: ADMIN.username, password: 'a wrong password' });
      expect(await post(host, 'session.login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ error: { code: 'LOCKED' } });

      // Not while Vigil has the data folder open: its audit chain has one writer.
      const busy = await recover(resetArgs(), `${NEW_PASSWORD}\n${NEW_PASSWORD}\n`);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/^The password was not reset\.\n.*(in use|open in another process)/);
    } finally {
      await host.close();
    }

    const differ = await recover(resetArgs(), `${NEW_PASSWORD}\nsomething else entirely\n`);
    expect(differ).toMatchObject({ code: 1 });
    expect(differ.stderr).toContain('The two passwords differ; nothing was changed.');
    const short = await recover(resetArgs(), 'short\nshort\n');
    expect(short.stderr).toContain('Use at least 12 characters; nothing was changed.');
    const nobody = await recover(resetArgs('nobody'), `${NEW_PASSWORD}\n${NEW_PASSWORD}\n`);
    expect(nobody).toMatchObject({ code: 1 });
    expect(nobody.stderr).toContain('There is no account named "nobody" in this data folder. Its accounts: ada.');
    expect(`${differ.stdout}${short.stdout}${nobody.stdout}${differ.stderr}`).not.toContain(NEW_PASSWORD);

    const done = await recover(resetArgs(), `${NEW_PASSWORD}\n${NEW_PASSWORD}\n`);
    expect(done.stderr).not.toContain(NEW_PASSWORD);
    expect(done).toMatchObject({ code: 0 });
    expect(done.stdout).toContain('The password of ada (admin) is reset, and sign-in locks from 1 source(s) are lifted.');

    host = await start();
    try {
      expect(await post(host, 'session.login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const login = await post(host, 'session.login', { username: ADMIN.username, password: NEW_PASSWORD });
      expect(login.ok).toBe(true);
      const { token, user } = login.data as { token: string; user: { id: number } };
      const { entries } = (await post(host, 'audit.list', { action: 'users.resetPassword' }, token)).data as { entries: unknown[] };
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor: 'local-recovery',
        target: `user:${user.id}`,
        outcome: 'ok',
        detail: { via: 'recovery command', osUser: userInfo().username, clearedSources: 1 },
      });
      expect(await post(host, 'audit.verify', {}, token)).toMatchObject({ ok: true, data: { ok: true } });
    } finally {
      await host.close();
    }
  });
});

/**
 * A wall stays up through a host restart: its session was in memory and is
 * gone, but the display is in the store, so the wall's browser opens a new
 * session with its token and secret, without anyone pairing it again.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../src-shared/errors';
import { startHost, type Host } from '../../../src-main/host/host';
import { createLogger } from '../../../src-main/log';
import { createKeychain } from '../../../src-main/secrets/keychain';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-display-restart-'));
const secrets = createKeychain({ service: `vigil-test-display-restart-${randomBytes(6).toString('hex')}` });

function start(): Promise<Host> {
  return startHost({ port: 0, dataDir, vigilOptions: { secrets, sandbox: false, log: createLogger({ sink: () => {} }), monitor: { workstation: false } } });
}

async function post(host: Host, channel: string, input: unknown, token?: string): Promise<Envelope<Record<string, string>>> {
  const res = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Envelope<Record<string, string>>;
}

async function ok(host: Host, channel: string, input: unknown, token?: string): Promise<Record<string, string>> {
  const reply = await post(host, channel, input, token);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

let running: Host | null = null;

afterAll(async () => {
  await running?.close();
  for (const account of await secrets.list()) await secrets.delete(account);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a wall display across a host restart', () => {
  it('connects again with its token and secret; its old session is gone', async () => {
    running = await start();
    await ok(running, 'setup.createAdmin', ADMIN);
    const admin = (await ok(running, 'session.login', { username: ADMIN.username, password: ADMIN.password })).token;
    const { code } = (await ok(running, 'displays.create', { name: 'NOC wall' }, admin)) as unknown as { code: string };
    const secret = randomBytes(32).toString('base64url');
    const { displayToken } = await ok(running, 'display.pair', { code, secret });
    const before = (await ok(running, 'display.connect', { displayToken, secret })).token;
    expect((await post(running, 'display.board', {}, before)).ok).toBe(true);

    await running.close();
    running = await start();

    expect(await post(running, 'display.board', {}, before)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const after = (await ok(running, 'display.connect', { displayToken, secret })).token;
    expect(await ok(running, 'display.board', {}, after)).toMatchObject({ display: { name: 'NOC wall' } });
  });
});

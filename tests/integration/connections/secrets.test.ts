/**
 * Credentials reach the keychain and nothing else: after connections of every
 * auth mode are made, changed, keyed and tested, no credential is in the
 * database (its decrypted tables or the raw file and WAL), in any log call,
 * in any contract reply or in any pushed event; deleting removes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src-main/sandbox/sandbox';
import type { ChannelInput, ChannelName } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { config, outsideKey, ownSandbox, rawLog, recordEvents, registerJwks } from './harness';

let vigil: TestVigil;
let admin: string;
let sb: Sandbox;
const log = rawLog();
const replies: string[] = [];
let events: ReturnType<typeof recordEvents>;
/** Connection ids made here, besides the Sandbox EHR one. */
const ids: number[] = [];

async function ok<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
  const reply = await vigil.call(channel, input, admin);
  replies.push(JSON.stringify(reply));
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

/** Distinctive pieces of a credential: a PEM's base64 lines, a JWK's private members, or the value itself. */
function fragments(value: string): string[] {
  if (value.includes('-----BEGIN')) return value.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
  if (value.trim().startsWith('{')) {
    const jwk = JSON.parse(value) as Record<string, unknown>;
    return ['d', 'p', 'q', 'dp', 'dq', 'qi'].flatMap((m) => (typeof jwk[m] === 'string' ? [jwk[m]] : []));
  }
  return [value];
}

async function storedCredentials(): Promise<string[]> {
  const accounts = (await vigil.secrets.list()).filter((a) => a.startsWith('connection:'));
  const values = await Promise.all(accounts.map((a) => vigil.secrets.get(a)));
  return values.filter((v): v is string => v !== null);
}

function databaseDump(): string {
  const db = vigil.store.db;
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>;
  return JSON.stringify(Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()])));
}

function rawDatabase(): Buffer {
  const files = [vigil.store.path, `${vigil.store.path}-wal`].filter(existsSync);
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

beforeAll(async () => {
  vigil = await startTestVigil({ sandbox: true, log });
  admin = await vigil.adminToken();
  events = recordEvents(vigil);
  sb = await ownSandbox();

  const pem = await outsideKey('RS384');
  const jwk = await outsideKey('ES384', 'jwk-kid');
  const made = [
    await ok('connections.create', { config: config('jwt generated', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'leak-gen' }) }),
    await ok('connections.create', { config: config('jwt pem', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'leak-pem' }), secret: { kind: 'privateKey', value: pem.pem } }),
    await ok('connections.create', { config: config('jwt jwk', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'leak-jwk' }), secret: { kind: 'privateKey', value: jwk.jwk } }),
    await ok('connections.create', {
      config: config('secret basic', sb.baseUrl, { authMode: 'client_secret_basic', clientId: 'leak-csb' }),
      secret: { kind: 'clientSecret', value: 'csb-Secret-Value-0001' },
    }),
    await ok('connections.create', {
      config: config('secret post', sb.baseUrl, { authMode: 'client_secret_post', clientId: 'leak-csp' }),
      secret: { kind: 'clientSecret', value: 'csp-Secret-Value-0002' },
    }),
    await ok('connections.create', { config: config('basic', sb.baseUrl, { authMode: 'basic', username: 'leak-basic' }), secret: { kind: 'password', value: 'basic-Password-0003' } }),
  ];
  ids.push(...made.map((c) => c.id));
  const generated = await ok('connections.generateKey', { id: made[0]!.id, alg: 'RS384' });
  registerJwks(sb, generated);
  registerJwks(sb, made[1]!);
  registerJwks(sb, made[2]!);
  sb.registerClient({ clientId: 'leak-csb', secret: 'csb-Secret-Value-0001' });
  sb.registerClient({ clientId: 'leak-csp', secret: 'csp-Secret-Value-0002' });
  // A wrong secret too, so the token endpoint's refusal is logged and reported.
  await ok('connections.update', { id: made[4]!.id, config: made[4]!.config, secret: { kind: 'clientSecret', value: 'csp-Wrong-Value-0004' } });

  const sandboxConnection = (await ok('connections.list', {})).connections.find((c) => c.sandbox)!;
  for (const id of [...ids, sandboxConnection.id]) {
    await ok('connections.test', { id });
    await ok('connections.get', { id });
  }
  await ok('connections.list', {});
  await ok('audit.list', { limit: 500 });
});

afterAll(async () => {
  await sb?.close();
  await vigil?.close();
});

describe('credentials stay in the keychain', () => {
  it('the keychain holds one credential per connection with a secret', async () => {
    // Six made here plus the Sandbox EHR key; the replaced client secret overwrote its account.
    expect((await vigil.secrets.list()).filter((a) => a.startsWith('connection:'))).toHaveLength(7);
  });

  it('the tests really signed in with them', async () => {
    const { connections } = await ok('connections.list', {});
    const byName = Object.fromEntries(connections.map((c) => [c.config.name, c.lastTest?.checks.find((x) => x.check === 'token')?.status]));
    expect(byName).toMatchObject({ 'jwt generated': 'pass', 'jwt pem': 'pass', 'jwt jwk': 'pass', 'secret basic': 'pass', 'secret post': 'fail', 'Sandbox EHR': 'pass' });
  });

  it('no credential is in the decrypted database, the raw file or its WAL', async () => {
    const dump = databaseDump();
    expect(dump).toContain('leak-gen');
    const raw = rawDatabase();
    for (const value of [...(await storedCredentials()), 'csp-Secret-Value-0002']) {
      expect(fragments(value).length).toBeGreaterThan(0);
      for (const piece of fragments(value)) {
        expect(dump.includes(piece), `database dump holds ${piece.slice(0, 12)}…`).toBe(false);
        expect(raw.includes(Buffer.from(piece)), `raw database holds ${piece.slice(0, 12)}…`).toBe(false);
      }
    }
  });

  it('no credential is in any log call, reply or event', async () => {
    expect(log.lines.length).toBeGreaterThan(0);
    const outputs = [...log.lines, ...replies, ...vigil.logLines, JSON.stringify(events)].join('\n');
    expect(outputs).toContain('leak-gen');
    for (const value of [...(await storedCredentials()), 'csp-Secret-Value-0002']) {
      for (const piece of fragments(value)) expect(outputs.includes(piece), `output holds ${piece.slice(0, 12)}…`).toBe(false);
    }
  });

  it('deleting connections removes their keychain entries', async () => {
    for (const id of ids) await ok('connections.delete', { id });
    const left = (await vigil.secrets.list()).filter((a) => a.startsWith('connection:'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/:privateKey$/);
    expect((await ok('connections.list', {})).connections.map((c) => c.config.name)).toEqual(['Sandbox EHR']);
  });
});

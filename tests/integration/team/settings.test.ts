/**
 * Switching team mode on and off: input checked before any connection (TLS
 * except on loopback), the login tried and the schema checked before
 * anything is saved, the password in the keychain only, audited, and
 * nothing written to the outbox while team mode is off.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPg, passwordAccount } from '../../../src-main/team/team-service';
import { migrateShared } from '../../../src-main/team/shared-schema';
import { SHARED_SCHEMA_VERSION } from '../../../src-main/team/shared-migrations';
import type { ChannelInput } from '../../../src-shared/contract';
import { startPostgres, type PgCluster } from '../../helpers/postgres';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

let cluster: PgCluster;
let vigil: TestVigil;
let admin: string;
const attempts: pg.ClientConfig[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  const owner = await cluster.connect();
  await migrateShared(owner);
  await owner.end();
  vigil = await startTestVigil({
    team: {
      pollMs: 60_000,
      connect: (config) => {
        attempts.push(config);
        return connectPg(config);
      },
    },
  });
  admin = await vigil.adminToken();
});

afterAll(async () => {
  await vigil?.close();
  await cluster?.destroy();
});

/** The titles of the tickets the shared database has (from their created events). */
async function sharedTitles(): Promise<string[]> {
  const su = await cluster.connect();
  try {
    const { rows } = await su.query<{ title: string }>(
      "SELECT c->>'after' AS title FROM vigil.ticket_events, jsonb_array_elements(event->'changes') c WHERE event->>'type' = 'created' AND c->>'field' = 'title'",
    );
    return rows.map((r) => r.title);
  } finally {
    await su.end();
  }
}

/** The database password as this workstation keeps it in the keychain (its account names the workstation). */
async function savedPassword(): Promise<string | null> {
  const { workstation } = vigil.store.db.prepare('SELECT workstation FROM ticket_workstation WHERE id = 1').get() as { workstation: string };
  return vigil.secrets.get(passwordAccount(workstation));
}

const settings = (): ChannelInput<'team.configure'> => ({ host: '127.0.0.1', port: cluster.port, database: cluster.database, user: cluster.app.user, password: cluster.app.password, tls: false });

describe('team settings', () => {
  it('is off by default and writes nothing to the outbox', async () => {
    const status = await vigil.ok('team.status', {}, admin);
    expect(status).toMatchObject({ enabled: false, settings: null, online: false, waiting: 0 });
    await vigil.ok('tickets.create', { title: 'alone', priority: 'low', category: 'technical' }, admin);
    expect((await vigil.ok('team.status', {}, admin)).waiting).toBe(0);
  });

  it('refuses a database on another computer without TLS, before any connection', async () => {
    const reply = await vigil.call('team.configure', { ...settings(), host: 'db.hospital.example' , tls: false }, admin);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('INVALID_INPUT');
      expect(reply.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['tls'] })]));
    }
    expect(attempts).toEqual([]);
  });

  it("refuses an address Vigil's outbound rules forbid, before any connection", async () => {
    const reply = await vigil.call('team.configure', { ...settings(), host: '169.254.169.254', tls: true }, admin);
    expect(reply.ok ? null : reply.error.message).toMatch(/link-local|metadata/);
    expect(attempts).toEqual([]);
  });

  it('is an admin\'s to switch on', async () => {
    const tech = await vigil.userToken('tech', 'support_tech');
    const reply = await vigil.call('team.configure', settings(), tech);
    expect(reply.ok ? null : reply.error.code).toBe('FORBIDDEN');
  });

  it('saves nothing when the login fails', async () => {
    const reply = await vigil.call('team.configure', { ...settings(), password: 'wrong password' }, admin);
    expect(reply.ok ? null : reply.error.code).toBe('UNAVAILABLE');
    expect(reply.ok ? null : reply.error.message).toMatch(/password authentication failed/);
    expect((await vigil.ok('team.status', {}, admin)).enabled).toBe(false);
    expect(await savedPassword()).toBeNull();
  });

  it('refuses a shared database newer than it understands, with a clear message', async () => {
    const owner = await cluster.connect();
    try {
      await owner.query("INSERT INTO vigil.schema_migrations (version, name) VALUES ($1, 'from the future')", [SHARED_SCHEMA_VERSION + 1]);
      const reply = await vigil.call('team.configure', settings(), admin);
      expect(reply.ok ? null : reply.error.message).toMatch(/newer than this Vigil understands.*Update Vigil/);
      expect((await vigil.ok('team.status', {}, admin)).enabled).toBe(false);
    } finally {
      await owner.query('DELETE FROM vigil.schema_migrations WHERE version = $1', [SHARED_SCHEMA_VERSION + 1]);
      await owner.end();
    }
  });

  it('switches on with the password in the keychain only, tells the consoles, and is audited', async () => {
    const heard: unknown[] = [];
    const stop = vigil.events.subscribe((m) => {
      if (m.event === 'team.changed') heard.push(m.payload);
    });
    try {
      const status = await vigil.ok('team.configure', settings(), admin);
      expect(status).toMatchObject({ enabled: true, settings: { host: '127.0.0.1', user: cluster.app.user, tls: false, hasPassword: true, changedBy: 'admin' } });
      expect(JSON.stringify(status)).not.toContain(cluster.app.password);
      expect(await savedPassword()).toBe(cluster.app.password);
      const synced = await vigil.ok('team.sync', {}, admin);
      expect(synced).toMatchObject({ online: true, lastError: null, waiting: 0 });
      // What it wrote before joining is shared too.
      expect(await sharedTitles()).toContain('alone');
      expect(synced.lastSyncAt).not.toBeNull();
      expect(heard.length).toBeGreaterThan(0);
    } finally {
      stop();
    }
    const { entries } = await vigil.ok('audit.list', { action: 'team.configure', limit: 10 }, admin);
    expect(entries.map((e) => [e.outcome, e.target])).toContainEqual(['ok', 'team:settings']);
    expect(JSON.stringify(entries)).not.toContain(cluster.app.password);
  });

  it('keeps the password when a change leaves it out', async () => {
    const { password: _, ...rest } = settings();
    const status = await vigil.ok('team.configure', rest, admin);
    expect(status).toMatchObject({ enabled: true, settings: { hasPassword: true } });
  });

  it('refuses to join a second shared database', async () => {
    const su = await cluster.connect();
    try {
      await su.query('CREATE DATABASE vigil_other');
    } finally {
      await su.end();
    }
    const other = await connectPg({ host: '127.0.0.1', port: cluster.port, database: 'vigil_other', user: cluster.superuser.user, password: cluster.superuser.password });
    try {
      await migrateShared(other);
    } finally {
      await other.end();
    }
    const reply = await vigil.call('team.configure', { ...settings(), database: 'vigil_other' }, admin);
    expect(reply.ok ? null : reply.error.code).toBe('CONFLICT');
    expect((await vigil.ok('team.status', {}, admin)).settings?.database).toBe(cluster.database);
  });

  it('switches off: the password leaves the keychain and new changes stay local', async () => {
    const status = await vigil.ok('team.disable', {}, admin);
    expect(status).toMatchObject({ enabled: false, settings: null });
    expect(await savedPassword()).toBeNull();
    await vigil.ok('tickets.create', { title: 'alone again', priority: 'low', category: 'technical' }, admin);
    expect((await vigil.ok('team.status', {}, admin)).waiting).toBe(0);
  });

  it('switched on again, shares what was written while it was off', async () => {
    await vigil.ok('team.configure', settings(), admin);
    expect((await vigil.ok('team.sync', {}, admin)).waiting).toBe(0);
    expect(await sharedTitles()).toContain('alone again');
  });
});

/**
 * Migration 7 on a filled version-6 database: the audit trail written with
 * hex-text hashes is rebuilt with 32-byte BLOB hashes, still verifies,
 * continues, and stays append-only; a hash someone edited is carried over as
 * it is, so verify still names that entry.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit/audit-log';
import { canonicalEntry, canonicalJson, entryHash, GENESIS_HASH } from '../../../src-main/audit/canonical';
import { StoredChain } from '../../../src-main/audit/verify-db';
import { manualClock } from '../../../src-main/clock';
import { createKeychain } from '../../../src-main/secrets/keychain';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { openStore, type Store } from '../../../src-main/store/store';
import { sampleEntry, START } from './fixture';

const secrets = createKeychain({ service: `vigil-test-migration-${randomBytes(6).toString('hex')}` });
const folders: string[] = [];
afterAll(async () => {
  for (const account of await secrets.list()) await secrets.delete(account);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const V6 = MIGRATIONS.filter((m) => m.version <= 6);
const N = 2_500;

/** A version-6 database whose trail was written as version 6 wrote it: hashes as lower-case hex text. */
async function filledV6(): Promise<{ dir: string; hashes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-migration-'));
  folders.push(dir);
  const store = await openStore({ dataDir: dir, secrets, migrations: V6 });
  const insert = store.db.prepare('INSERT INTO audit_log (seq, time, actor, action, target, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const hashes: string[] = [];
  store.db.transaction(() => {
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= N; seq++) {
      const e = sampleEntry(seq);
      const detail = e.detail ? canonicalJson(e.detail) : null;
      const time = START + seq * 1_000;
      const hash = entryHash(prev, canonicalEntry(seq, time, e.actor, e.action, e.target ?? null, e.outcome, detail));
      insert.run(seq, time, e.actor, e.action, e.target ?? null, e.outcome, detail, prev, hash);
      hashes.push(hash);
      prev = hash;
    }
  })();
  expect(store.schemaVersion()).toBe(6);
  store.close();
  return { dir, hashes };
}

function logOn(store: Store): AuditLog {
  return new AuditLog(store.db, { clock: manualClock(START + N * 1_000 + 1_000), redact: (v) => v, walk: async () => new StoredChain(store.db).walk() });
}

describe('migration 10', () => {
  it('stores the hashes as their 32 bytes; the trail verifies, continues and stays append-only', async () => {
    const { dir, hashes } = await filledV6();
    const store = await openStore({ dataDir: dir, secrets });
    try {
      expect(store.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
      const rows = store.db.prepare('SELECT seq, typeof(prev_hash), typeof(hash), hash FROM audit_log ORDER BY seq').raw().all() as [number, string, string, Buffer][];
      expect(rows).toHaveLength(N);
      expect(rows.every(([, p, h]) => p === 'blob' && h === 'blob')).toBe(true);
      expect(rows.map(([, , , h]) => h.toString('hex'))).toEqual(hashes);

      const audit = logOn(store);
      expect(await audit.verify()).toEqual({ ok: true, checked: N, firstBadSeq: null, reason: null });
      const next = audit.append({ actor: 'admin', action: 'session.login', outcome: 'ok' });
      expect(next).toMatchObject({ seq: N + 1, prevHash: hashes.at(-1) });
      expect(await audit.verify()).toMatchObject({ ok: true, checked: N + 1 });

      expect(() => store.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
      const indexes = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log' ORDER BY name").pluck().all();
      expect(indexes).toEqual(['audit_log_action', 'audit_log_actor', 'audit_log_time']);
      expect(store.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_v7'").pluck().get()).toBe(0);
      expect(audit.list({ limit: 1, actor: 'admin' }).entries[0]).toMatchObject({ seq: N + 1 });
    } finally {
      store.close();
    }
  });

  it('carries an edited hash over as it is, so verify still names the entry', async () => {
    const { dir } = await filledV6();
    const before = await openStore({ dataDir: dir, secrets, migrations: V6 });
    // Upper-case hex: the same digits, but not what the log wrote.
    before.db.exec('DROP TRIGGER audit_log_no_update');
    before.db.prepare('UPDATE audit_log SET hash = upper(hash) WHERE seq = 1234').run();
    before.close();

    const store = await openStore({ dataDir: dir, secrets });
    try {
      expect(store.db.prepare('SELECT typeof(hash) FROM audit_log WHERE seq = 1234').pluck().get()).toBe('text');
      expect(await logOn(store).verify()).toMatchObject({
        ok: false,
        checked: 1_233,
        firstBadSeq: 1_234,
        reason: expect.stringMatching(/hash of entry 1234 holds a value of a kind the log never writes/),
      });
    } finally {
      store.close();
    }
  });
});

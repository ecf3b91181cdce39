/**
 * The newest audit entries lost with the database that held them: an older
 * copy of vigil.db put back, or its -wal deleted after the process was
 * killed. The tip anchored in the keychain finds both; the console opens
 * rolled back, refuses audited actions naming the missing entries, and an
 * admin's acknowledgement records the loss and lets the trail go on.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeychain } from '../../../src-main/secrets/keychain';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { ROLLBACK_ACTION } from '../../../src-main/audit/audit-log';
import { databaseFiles, openVigil, PASSWORD, type OpenVigil } from './vigil-over';

/** A keychain service and temp folders for one test file, all removed after it. */
function useKeptFolders(): { secrets: SecretStore; service: string; folder(): string } {
  const service = `vigil-test-rollback-${randomBytes(6).toString('hex')}`;
  const secrets = createKeychain({ service });
  const folders: string[] = [];
  afterAll(async () => {
    for (const account of await secrets.list()) await secrets.delete(account);
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });
  return {
    secrets,
    service,
    folder: () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-rollback-'));
      folders.push(dir);
      return dir;
    },
  };
}

const { secrets, service, folder } = useKeptFolders();
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./rollback-child.ts', import.meta.url));
const REASON = 'Restored last night’s copy after the disk failed';

async function firstStart(dataDir: string): Promise<OpenVigil> {
  const vigil = await openVigil(dataDir, secrets);
  await vigil.ok('setup.createAdmin', { username: 'admin', displayName: 'Ada Admin', password: PASSWORD });
  const admin = await vigil.login('admin');
  await vigil.ok('users.create', { username: 'sam.safety', displayName: 'Sam Safety', role: 'safety_officer', password: PASSWORD }, admin);
  return vigil;
}

async function createUsers(vigil: OpenVigil, token: string, names: string[]): Promise<void> {
  for (const username of names) await vigil.ok('users.create', { username, displayName: username, role: 'operator', password: PASSWORD }, token);
}

/** Closes Vigil (which writes the final anchor); returns the anchored seq. */
async function closeAnchored(vigil: OpenVigil): Promise<number> {
  await vigil.close();
  return (await vigil.anchor())!.seq;
}

describe('a database behind its anchor', () => {
  it('is found when an older copy of vigil.db is put back, refuses audited actions until an admin acknowledges it', async () => {
    const dataDir = folder();
    const db = join(dataDir, 'vigil.db');
    const first = await firstStart(dataDir);
    const kept = await closeAnchored(first);
    // A clean close leaves no -wal: the copy is the whole database.
    expect(databaseFiles(dataDir)).toEqual(['vigil.db', 'vigil.db.keycheck']);
    copyFileSync(db, join(dataDir, 'older-copy'));

    const second = await openVigil(dataDir, secrets);
    await createUsers(second, await second.login('admin'), ['lost.one', 'lost.two', 'lost.three']);
    const anchored = await closeAnchored(second);
    expect(anchored).toBeGreaterThan(kept + 3);

    copyFileSync(join(dataDir, 'older-copy'), db);
    const vigil = await openVigil(dataDir, secrets);
    try {
      // Signing in still works: without it nobody could acknowledge.
      const admin = await vigil.login('admin');
      const sam = await vigil.login('sam.safety');
      const missing = `entries ${kept + 1} to ${anchored}`;

      const status = await vigil.ok('audit.status', {}, sam);
      expect(status).toMatchObject({
        lastSeq: kept,
        rollback: { kind: 'behind', anchoredSeq: anchored, foundSeq: kept, missingFrom: kept + 1, missingTo: anchored, heldEntries: 2 },
      });
      expect(status.rollback!.message).toContain(`${missing} are missing`);
      expect(vigil.logLines.some((l) => l.includes('the audit trail lost entries'))).toBe(true);

      const refused = await vigil.call('users.create', { username: 'new.one', displayName: 'New', role: 'operator', password: PASSWORD }, admin);
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(!refused.ok && refused.error.message).toContain(missing);
      expect((await vigil.ok('users.list', {}, admin)).users.map((u) => u.username)).not.toContain('new.one');
      // Nothing was added to the trail meanwhile.
      expect(vigil.store.db.prepare('SELECT max(seq) FROM audit_log').pluck().get()).toBe(kept);

      expect(await vigil.ok('audit.verify', {}, sam)).toMatchObject({ ok: false, checked: kept, firstBadSeq: kept + 1, reason: expect.stringContaining(missing) });

      expect(await vigil.call('audit.acknowledgeRollback', { reason: REASON }, sam)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await vigil.call('audit.acknowledgeRollback', { reason: 'because' }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

      const ack = await vigil.ok('audit.acknowledgeRollback', { reason: REASON }, admin);
      expect(ack).toMatchObject({ missingFrom: kept + 1, missingTo: anchored, written: 5 });
      // Re-anchored at once, before the reply: on the trail as the acknowledgement left it.
      expect(await vigil.anchor()).toMatchObject({ seq: kept + 5 });

      const { entries } = await vigil.ok('audit.list', { limit: 10 }, admin);
      const after = entries.filter((e) => e.seq > kept).reverse();
      expect(after.map((e) => [e.seq, e.actor, e.action, e.outcome])).toEqual([
        [kept + 1, 'vigil', ROLLBACK_ACTION, 'ok'],
        [kept + 2, 'admin', 'session.login', 'ok'],
        [kept + 3, 'sam.safety', 'session.login', 'ok'],
        [kept + 4, 'admin', 'users.create', 'UNAVAILABLE'],
        [kept + 5, 'sam.safety', 'audit.acknowledgeRollback', 'FORBIDDEN'],
        [kept + 6, 'admin', 'audit.acknowledgeRollback', 'ok'],
      ]);
      expect(after[0]!.detail).toMatchObject({ kind: 'behind', anchoredSeq: anchored, foundSeq: kept, missingFrom: kept + 1, missingTo: anchored, acknowledgedBy: 'admin', heldEntries: 4 });
      expect(after[1]!.detail).toMatchObject({ heldAt: expect.any(Number) });
      expect(after[5]).toMatchObject({ target: 'audit:trail', detail: { reason: REASON, missingFrom: kept + 1, missingTo: anchored } });

      expect(await vigil.ok('audit.verify', {}, sam)).toEqual({ ok: true, checked: kept + 6, firstBadSeq: null, reason: null });
      expect((await vigil.ok('audit.status', {}, sam)).rollback).toBeNull();
      await createUsers(vigil, admin, ['new.one']);
    } finally {
      await vigil.close();
    }

    const again = await openVigil(dataDir, secrets);
    expect((await again.ok('audit.status', {}, await again.login('sam.safety'))).rollback).toBeNull();
    await again.close();
  });

  it('is found when the -wal is deleted after the process was killed', async () => {
    const dataDir = folder();
    const kept = await closeAnchored(await firstStart(dataDir));

    const anchored = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, service, '4'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      let seq = 0;
      child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /anchored (\d+)/.exec(out);
        if (match && !seq) {
          seq = Number(match[1]);
          child.kill('SIGKILL');
        }
      });
      child.on('error', reject);
      child.on('close', (_code, signal) => (signal === 'SIGKILL' && seq ? resolve(seq) : reject(new Error(`child ended without being killed: ${err}`))));
    });
    expect(anchored).toBe(kept + 5);

    // Killed, not closed: its entries are only in the -wal, which is then lost.
    const wal = join(dataDir, 'vigil.db-wal');
    expect(statSync(wal).size).toBeGreaterThan(0);
    rmSync(wal);

    const vigil = await openVigil(dataDir, secrets);
    try {
      const admin = await vigil.login('admin');
      expect((await vigil.ok('audit.status', {}, admin)).rollback).toMatchObject({ kind: 'behind', foundSeq: kept, missingFrom: kept + 1, missingTo: anchored });
      const refused = await vigil.call('users.create', { username: 'after.kill', displayName: 'After', role: 'operator', password: PASSWORD }, admin);
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining(`entries ${kept + 1} to ${anchored}`) } });
      await vigil.ok('audit.acknowledgeRollback', { reason: 'The -wal was lost when the laptop was killed' }, admin);
      expect(await vigil.ok('audit.verify', {}, admin)).toMatchObject({ ok: true });
    } finally {
      await vigil.close();
    }
  });

  it('first start of a folder writes the first anchor, and the anchor follows the appends', async () => {
    const vigil = await firstStart(folder());
    try {
      const last = vigil.store.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
      const hash = (vigil.store.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(last) as Buffer).toString('hex');
      const deadline = Date.now() + 10_000;
      while ((await vigil.anchor())?.seq !== last && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await vigil.anchor()).toEqual({ seq: last, hash });
    } finally {
      await vigil.close();
    }
  });

  it('an entry at the anchored seq that is not the anchored one is found as replaced', async () => {
    const dataDir = folder();
    const kept = await closeAnchored(await firstStart(dataDir));
    const tamper = await openVigil(dataDir, secrets);
    // Someone with the key drops the triggers and rewrites the last entry.
    tamper.store.db.exec('DROP TRIGGER audit_log_no_update');
    tamper.store.db.prepare("UPDATE audit_log SET hash = randomblob(32) WHERE seq = ?").run(kept);
    // Nothing appended since its start, so closing writes no new anchor: the keychain keeps the old tip.
    await tamper.close();

    const vigil = await openVigil(dataDir, secrets);
    try {
      const admin = await vigil.login('admin');
      expect((await vigil.ok('audit.status', {}, admin)).rollback).toMatchObject({ kind: 'replaced', anchoredSeq: kept, missingFrom: kept, missingTo: kept });
    } finally {
      await vigil.close();
    }
    // Stopped without an acknowledgement: the sign-in held in memory is lost, and the log says so.
    expect(vigil.logLines.some((l) => l.includes('held while the trail was rolled back are lost') && l.includes('"heldEntries":1'))).toBe(true);
  });

  it('an anchor that is not one (edited by hand) counts as none: it is written anew, with a warning', async () => {
    const dataDir = folder();
    const first = await firstStart(dataDir);
    const account = first.store.keychainAccount('audit-anchor');
    const kept = await closeAnchored(first);
    await secrets.set(account, 'not an anchor');
    const vigil = await openVigil(dataDir, secrets);
    try {
      expect((await vigil.anchor())?.seq).toBe(kept);
      expect(vigil.logLines.some((l) => l.includes('audit anchor in the keychain is unreadable'))).toBe(true);
    } finally {
      await vigil.close();
    }
  });
});

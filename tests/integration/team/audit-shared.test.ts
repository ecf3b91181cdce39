/**
 * The audit across workstations on a real PostgreSQL: each workstation's
 * chain is copied entry by entry, signed with its device key; verify names
 * the workstation and entry of a gap, a reorder, an edited entry (a
 * superuser with the triggers disabled), a forged signature, and a local
 * chain that no longer matches its shared copy; the application role can
 * neither UPDATE nor DELETE the shared trail.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { deviceKeyAccount } from '../../../src-main/team/device-key';
import { syncAll, teamFixture, type Workstation } from '../../helpers/team';

const team = teamFixture(['A', 'B']);
let a: Workstation;
let b: Workstation;
let wsA: string;
let wsB: string;
let su: pg.Client;

beforeAll(async () => {
  [a, b] = team.all as [Workstation, Workstation];
  su = team.su;
  // Audited acts on both, so each chain has entries to tamper with.
  for (const ws of team.all) for (let i = 0; i < 3; i++) await ws.vigil.ok('tickets.create', { title: `audit ${ws.name} ${i}`, priority: 'low', category: 'technical' }, ws.token);
  await syncAll(team.all);
  wsA = (await a.vigil.ok('team.status', {}, a.token)).workstation;
  wsB = (await b.vigil.ok('team.status', {}, b.token)).workstation;
});

const verify = (ws: Workstation) => ws.vigil.ok('team.audit.verify', {}, ws.token);

/** Runs a change as a superuser with the append-only triggers off, and puts the rows back after the check. */
async function tampered(workstation: string, seqs: number[], change: () => Promise<unknown>, check: () => Promise<void>): Promise<void> {
  const { rows: saved } = await su.query('SELECT * FROM vigil.audit_entries WHERE workstation = $1 AND seq = ANY($2::bigint[])', [workstation, seqs]);
  expect(saved).toHaveLength(seqs.length);
  await su.query('SET session_replication_role = replica');
  try {
    await change();
  } finally {
    await su.query('SET session_replication_role = DEFAULT');
  }
  try {
    await check();
  } finally {
    await su.query('SET session_replication_role = replica');
    await su.query('DELETE FROM vigil.audit_entries WHERE workstation = $1 AND seq = ANY($2::bigint[])', [workstation, seqs]);
    for (const r of saved) {
      await su.query('INSERT INTO vigil.audit_entries (workstation, seq, prev_hash, hash, entry, signature, pushed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        r.workstation,
        r.seq,
        r.prev_hash,
        r.hash,
        r.entry,
        r.signature,
        r.pushed_at,
      ]);
    }
    await su.query('SET session_replication_role = DEFAULT');
  }
}

describe('audit across workstations', () => {
  it('copies every entry of both chains, signed with keys registered in PostgreSQL, and everything verifies from either workstation', async () => {
    const result = await verify(a);
    expect(result).toMatchObject({ ok: true, findings: [] });
    expect(result.workstations.map((w) => w.workstation).sort()).toEqual([wsA, wsB].sort());
    await syncAll(team.all);
    for (const ws of team.all) {
      const { checked } = await ws.vigil.ok('audit.verify', {}, ws.token);
      const id = (await ws.vigil.ok('team.status', {}, ws.token)).workstation;
      const { rows } = await su.query<{ n: string }>('SELECT count(*) AS n FROM vigil.audit_entries WHERE workstation = $1', [id]);
      expect(Number(rows[0]!.n)).toBe(checked);
    }
    expect((await verify(b)).ok).toBe(true);
    // The private key is in the keychain; PostgreSQL holds only the public half.
    const pem = await a.vigil.secrets.get(deviceKeyAccount(wsA));
    expect(pem).toContain('PRIVATE KEY');
    const { rows } = await su.query<{ public_key: string }>('SELECT public_key FROM vigil.devices WHERE workstation = $1', [wsA]);
    expect(rows[0]!.public_key).toContain('PUBLIC KEY');
  });

  it('names an edited entry (changed by a superuser with the triggers disabled)', async () => {
    const edit = "UPDATE vigil.audit_entries SET entry = replace(entry, '\"admin\"', '\"mallory\"') WHERE workstation = $1 AND seq = 3";
    await tampered(wsA, [3], () => su.query(edit, [wsA]), async () => {
      const result = await verify(b);
      expect(result.ok).toBe(false);
      expect(result.findings).toEqual([{ workstation: wsA, seq: 3, reason: expect.stringMatching(/entry 3 does not match its content \(the entry was edited\)/) }]);
    });
    expect((await verify(b)).ok).toBe(true);
  });

  it('names a gap where an entry was deleted', async () => {
    await tampered(wsB, [4], () => su.query('DELETE FROM vigil.audit_entries WHERE workstation = $1 AND seq = 4', [wsB]), async () => {
      const result = await verify(a);
      expect(result.findings).toEqual([{ workstation: wsB, seq: 4, reason: expect.stringMatching(/entry 4 is missing/) }]);
    });
  });

  it('names a reorder: two entries swapped', async () => {
    const swap = async () => {
      for (const [from, to] of [[2, 1_000_000], [3, 2], [1_000_000, 3]]) await su.query('UPDATE vigil.audit_entries SET seq = $3 WHERE workstation = $1 AND seq = $2', [wsA, from, to]);
    };
    await tampered(
      wsA,
      [2, 3],
      swap,
      async () => {
        const result = await verify(a);
        expect(result.ok).toBe(false);
        expect(result.findings[0]).toMatchObject({ workstation: wsA, seq: 2 });
        // Each signature covers its seq too, so a moved entry's no longer holds.
        expect(result.findings.filter((f) => /signature/.test(f.reason)).map((f) => f.seq)).toEqual([2, 3]);
      },
    );
  });

  it('names a forged signature', async () => {
    const { rows } = await su.query<{ hash: string }>('SELECT hash FROM vigil.audit_entries WHERE workstation = $1 AND seq = 2', [wsB]);
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forged = sign(null, Buffer.from(`vigil-audit:${wsB}:2:${rows[0]!.hash}`), forger).toString('base64');
    await tampered(wsB, [2], () => su.query('UPDATE vigil.audit_entries SET signature = $2 WHERE workstation = $1 AND seq = 2', [wsB, forged]), async () => {
      const result = await verify(a);
      expect(result.findings).toEqual([{ workstation: wsB, seq: 2, reason: expect.stringMatching(/signature of entry 2 is not this workstation's device key's/) }]);
    });
  });

  it("names a shared copy that no longer matches the workstation's local chain, even when its hash was recomputed", async () => {
    // A's whole chain is shared and nothing more is pushed while its last entry is rewritten.
    await a.sync();
    a.link.offline = true;
    const { rows } = await su.query<{ seq: string; prev_hash: string; entry: string }>(
      'SELECT seq, prev_hash, entry FROM vigil.audit_entries WHERE workstation = $1 ORDER BY seq DESC LIMIT 1',
      [wsA],
    );
    const last = rows[0]!;
    const entry = last.entry.replace('"ok"', '"error"');
    expect(entry).not.toBe(last.entry);
    const hash = createHash('sha256').update(last.prev_hash + entry).digest('hex');
    const seq = Number(last.seq);
    try {
      const rewrite = () => su.query('UPDATE vigil.audit_entries SET entry = $2, hash = $3 WHERE workstation = $1 AND seq = $4', [wsA, entry, hash, seq]);
      await tampered(wsA, [seq], rewrite, async () => {
        // Seen from B, the copy is a well-formed chain whose last signature fails.
        const fromB = await verify(b);
        expect(fromB.findings).toEqual([{ workstation: wsA, seq, reason: expect.stringMatching(/signature/) }]);
        // Seen from A, its own chain says otherwise too.
        a.link.offline = false;
        const fromA = await verify(a);
        a.link.offline = true;
        expect(fromA.findings).toContainEqual({ workstation: wsA, seq, reason: `local entry ${seq} differs from its shared copy` });
      });
    } finally {
      a.link.offline = false;
    }
  });

  it("refuses the application role's UPDATE and DELETE, and an entry pushed out of its chain", async () => {
    const app = await team.cluster.connect('app');
    try {
      await expect(app.query('UPDATE vigil.audit_entries SET signature = signature')).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM vigil.audit_entries')).rejects.toThrow(/permission denied/);
      await expect(app.query("INSERT INTO vigil.audit_entries (workstation, seq, prev_hash, hash, entry, signature) VALUES ('x', 1, '', '', '', '')")).rejects.toThrow(/permission denied/);
      await expect(app.query('UPDATE vigil.devices SET public_key = public_key')).rejects.toThrow(/permission denied/);
      const { rows } = await app.query<{ seq: string; hash: string; entry: string; signature: string; prev_hash: string }>(
        'SELECT seq, prev_hash, hash, entry, signature FROM vigil.audit_entries WHERE workstation = $1 ORDER BY seq DESC LIMIT 1',
        [wsB],
      );
      const top = rows[0]!;
      // The same entry again is answered as done (an answer lost after commit)...
      await app.query('SELECT vigil.append_audit($1, $2, $3, $4, $5, $6)', [wsB, top.seq, top.prev_hash, top.hash, top.entry, top.signature]);
      // ...an entry after it that does not link to it, or skips one, or whose hash does not cover it, is refused.
      const next = Number(top.seq) + 1;
      const entry = `[${next},0,"x","y",null,"ok",null]`;
      const sha = (prev: string) => createHash('sha256').update(prev + entry).digest('hex');
      await expect(app.query('SELECT vigil.append_audit($1, $2, $3, $4, $5, $6)', [wsB, next, '1'.repeat(64), sha('1'.repeat(64)), entry, 'x'])).rejects.toThrow(/does not link/);
      await expect(app.query('SELECT vigil.append_audit($1, $2, $3, $4, $5, $6)', [wsB, next + 1, top.hash, sha(top.hash), entry, 'x'])).rejects.toThrow(/arrives before/);
      await expect(app.query('SELECT vigil.append_audit($1, $2, $3, $4, $5, $6)', [wsB, next, top.hash, 'f'.repeat(64), entry, 'x'])).rejects.toThrow(/does not match its hash/);
      // Another key under a registered workstation's id is refused.
      const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await expect(app.query('SELECT vigil.register_device($1, $2)', [wsB, other])).rejects.toThrow(/another device key/);
    } finally {
      await app.end();
    }
    // Even the owner is refused while the triggers are on.
    await expect(su.query('DELETE FROM vigil.audit_entries WHERE workstation = $1 AND seq = 1', [wsA])).rejects.toThrow(/append-only/);
    expect((await verify(a)).ok).toBe(true);
  });
});

/**
 * Verifies the audit across workstations: every chain in the shared
 * database (order, links, each entry's hash over its text, each signature
 * against its workstation's registered key) and this workstation's local
 * chain against its shared copy. Every finding names the workstation and
 * the entry; after a break the walk goes on from the entry that broke, so
 * one tampered row does not hide another.
 */
import type pg from 'pg';
import type { TeamAuditVerifyResult } from '../../src-shared/contract/team';
import { ChainWalker, GENESIS_HASH, type ChainEntry } from '../audit';
import { readPublicKey, signatureHolds, signedText } from './device-key';

const PAGE = 5_000;
/** Enough to see what happened; a whole chain rewritten would otherwise list every entry. */
const MAX_FINDINGS = 200;

type Finding = TeamAuditVerifyResult['findings'][number];

interface SharedRow {
  seq: string;
  prev_hash: string;
  hash: string;
  entry: string;
  signature: string;
}

export async function verifySharedAudit(
  client: pg.ClientBase,
  local: { workstation: string; entriesAfter: (afterSeq: number, limit: number) => ChainEntry[] },
): Promise<TeamAuditVerifyResult> {
  const findings: Finding[] = [];
  const note = (f: Finding) => void (findings.length < MAX_FINDINGS && findings.push(f));
  const devices = await client.query<{ workstation: string; public_key: string }>('SELECT workstation, public_key FROM vigil.devices ORDER BY workstation');
  const workstations: TeamAuditVerifyResult['workstations'] = [];
  for (const device of devices.rows) {
    const entries = await walkShared(client, device.workstation, device.public_key, note);
    workstations.push({ workstation: device.workstation, entries });
  }
  if (!devices.rows.some((d) => d.workstation === local.workstation) && local.entriesAfter(0, 1).length > 0) {
    note({ workstation: local.workstation, seq: null, reason: 'this workstation has not shared its audit chain yet (it is pushed at the next sync)' });
  }
  await compareLocal(client, local, note);
  return { ok: findings.length === 0, workstations, findings };
}

/** Walks one workstation's shared chain; answers how many entries it holds. */
async function walkShared(client: pg.ClientBase, workstation: string, publicKeyPem: string, note: (f: Finding) => void): Promise<number> {
  const key = readPublicKey(publicKeyPem);
  if (!key) note({ workstation, seq: null, reason: 'its registered device key cannot be read' });
  let walker = new ChainWalker(1, GENESIS_HASH);
  let after = 0;
  let entries = 0;
  for (;;) {
    const { rows } = await client.query<SharedRow>(
      'SELECT seq, prev_hash, hash, entry, signature FROM vigil.audit_entries WHERE workstation = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [workstation, after, PAGE],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const carries = /^\[(\d+),/.exec(row.entry)?.[1];
      // An entry moved to another row still hashes right where it came from: say so rather than blame a neighbour.
      const broken = carries !== undefined && Number(carries) !== seq ? { seq, reason: `row ${seq} holds entry ${carries} (entries reordered or renumbered)` } : walker.step(seq, row.prev_hash, row.hash, row.entry);
      if (broken) {
        note({ workstation, seq: broken.seq, reason: broken.reason });
        walker = new ChainWalker(seq + 1, row.hash);
      }
      if (key && !signatureHolds(key, signedText(workstation, seq, row.hash), row.signature)) {
        note({ workstation, seq, reason: `the signature of entry ${seq} is not this workstation's device key's (forged or altered)` });
      }
      after = seq;
      entries++;
    }
    if (rows.length < PAGE) return entries;
  }
}

/** This workstation's chain against its shared copy, seq by seq, up to what was pushed. */
async function compareLocal(
  client: pg.ClientBase,
  local: { workstation: string; entriesAfter: (afterSeq: number, limit: number) => ChainEntry[] },
  note: (f: Finding) => void,
): Promise<void> {
  const { workstation } = local;
  const top = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM vigil.audit_entries WHERE workstation = $1', [workstation]);
  const sharedLast = Number(top.rows[0]?.seq ?? 0);
  let after = 0;
  let localLast = 0;
  while (after < sharedLast) {
    const page = local.entriesAfter(after, PAGE);
    if (page.length === 0) break;
    const last = page[page.length - 1]!.seq;
    const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM vigil.audit_entries WHERE workstation = $1 AND seq > $2 AND seq <= $3', [
      workstation,
      after,
      last,
    ]);
    const shared = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const e of page) {
      const copy = shared.get(e.seq);
      if (copy !== undefined && copy !== e.hash) note({ workstation, seq: e.seq, reason: `local entry ${e.seq} differs from its shared copy` });
      if (e.seq <= sharedLast) localLast = e.seq;
    }
    after = last;
  }
  if (localLast < sharedLast) {
    note({ workstation, seq: localLast + 1, reason: `the shared copy holds entries ${localLast + 1}–${sharedLast} that this workstation's chain lacks (its local trail lost them)` });
  }
}

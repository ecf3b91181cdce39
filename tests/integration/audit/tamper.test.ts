/**
 * Someone with the database key drops the triggers and changes the table.
 * Whatever they do, verify must name the row they touched.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalEntry, entryHash, GENESIS_HASH } from '../../../src-main/audit/canonical';
import { openAuditDb, type AuditDb } from './audit-db';
import { fill, logOver, sampleEntry, type AuditFixture } from './fixture';

const N = 20;

type Tamper = (db: Database.Database) => void;

interface Case {
  name: string;
  tamper: Tamper;
  seq: number;
  reason: RegExp;
  /** Only the process that wrote the tail can tell it was cut or extended. */
  tailOnlyInProcess?: boolean;
}

const FIELD_EDITS: Record<string, [column: string, value: string]> = {
  seq: ['seq', '1000'],
  time: ['time', 'time + 1'],
  actor: ['actor', "'mallory'"],
  action: ['action', "'users.delete'"],
  target: ['target', "'user:999'"],
  outcome: ['outcome', "CASE outcome WHEN 'ok' THEN 'FORBIDDEN' ELSE 'ok' END"],
  detail: ['detail', `'{"n":-1}'`],
  prev_hash: ['prev_hash', `x'${'f'.repeat(64)}'`],
  hash: ['hash', `x'${'e'.repeat(64)}'`],
  'time to a fraction': ['time', 'time + 0.5'],
  'time to a BLOB of the same digits': ['time', 'CAST(CAST(time AS TEXT) AS BLOB)'],
  'actor to a BLOB of the same bytes': ['actor', 'CAST(actor AS BLOB)'],
  'detail to a number': ['detail', '42'],
  'hash to the text of its hex': ['hash', 'lower(hex(hash))'],
  'prev_hash to the text of its hex': ['prev_hash', 'lower(hex(prev_hash))'],
  'prev_hash to a longer BLOB': ['prev_hash', "prev_hash || x'00'"],
  'hash to a longer BLOB': ['hash', "x'00' || hash"],
  'hash to a shorter BLOB': ['hash', 'substr(hash, 1, 31)'],
};

const POSITIONS = [1, 2, 11, N - 1, N];

function edit(column: string, value: string, seq: number): Tamper {
  return (db) => db.prepare(`UPDATE audit_log SET ${column} = ${value} WHERE seq = ?`).run(seq);
}

function swap(a: number, b: number): Tamper {
  const cols = ['time', 'actor', 'action', 'target', 'outcome', 'detail', 'prev_hash', 'hash'];
  return (db) => {
    const row = (seq: number) => db.prepare(`SELECT ${cols.join(', ')} FROM audit_log WHERE seq = ?`).raw().get(seq) as unknown[];
    const [ra, rb] = [row(a), row(b)];
    const set = db.prepare(`UPDATE audit_log SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE seq = ?`);
    set.run(...rb, a);
    set.run(...ra, b);
  };
}

/** A forger who knows the algorithm: the row links to its predecessor and carries a correct hash. */
function forge(db: Database.Database, seq: number, time: number): void {
  const prev = seq === 1 ? GENESIS_HASH : (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq - 1) as Buffer).toString('hex');
  const detail = '{"role":"admin"}';
  const hash = entryHash(prev, canonicalEntry(seq, time, 'mallory', 'users.create', 'user:mallory', 'ok', detail));
  db.prepare('INSERT INTO audit_log (seq, time, actor, action, target, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq, time, 'mallory', 'users.create', 'user:mallory', 'ok', detail, Buffer.from(prev, 'hex'), Buffer.from(hash, 'hex'),
  );
}

/** Renumbers the rows from seq on up by one to make room, then forges a row there. */
function insertAt(seq: number): Tamper {
  return (db) => {
    db.prepare('UPDATE audit_log SET seq = -seq WHERE seq >= ?').run(seq);
    db.prepare('UPDATE audit_log SET seq = 1 - seq WHERE seq < 0').run();
    const time = db.prepare('SELECT time FROM audit_log WHERE seq = ?').pluck().get(seq + 1) as number;
    forge(db, seq, time);
  };
}

/** Changes a row's content and recomputes its hash, so the row checks out on its own. */
function rewrite(seq: number): Tamper {
  return (db) => {
    const [time, prev] = db.prepare('SELECT time, prev_hash FROM audit_log WHERE seq = ?').raw().get(seq) as [number, Buffer];
    const hash = Buffer.from(entryHash(prev.toString('hex'), canonicalEntry(seq, time, 'mallory', 'users.disable', 'user:1', 'ok', null)), 'hex');
    db.prepare(
      "UPDATE audit_log SET actor = 'mallory', action = 'users.disable', target = 'user:1', outcome = 'ok', detail = NULL, hash = ? WHERE seq = ?",
    ).run(hash, seq);
  };
}

const CASES: Case[] = [
  ...Object.entries(FIELD_EDITS).flatMap(([field, [column, value]]) =>
    POSITIONS.map((seq) => ({
      name: `edit ${field} of entry ${seq}`,
      tamper: edit(column, value, seq),
      seq,
      reason: field === 'seq' ? /missing/ : field === 'prev_hash' ? /prev_hash/ : /BLOB|text of its hex/.test(field) ? /kind the log never writes/ : /edited/,
    })),
  ),
  ...POSITIONS.map((seq) => ({
    name: `delete entry ${seq}`,
    tamper: (db: Database.Database) => void db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq),
    seq,
    reason: /missing/,
    tailOnlyInProcess: seq === N,
  })),
  ...[[1, 2], [5, 12], [N - 1, N], [1, N]].map(([a, b]) => ({
    name: `swap the contents of entries ${a} and ${b}`,
    tamper: swap(a as number, b as number),
    seq: a as number,
    reason: /prev_hash/,
  })),
  ...[1, 2, 11, N].map((seq) => ({
    name: `insert a forged entry at ${seq}, renumbering the rest`,
    tamper: insertAt(seq),
    seq,
    reason: /inserted/,
  })),
  {
    name: 'append a forged entry after the last',
    tamper: (db) => forge(db, N + 1, Date.UTC(2026, 0, 2)),
    seq: N + 1,
    reason: /not written by this log/,
    tailOnlyInProcess: true,
  },
  ...POSITIONS.map((seq) => ({
    name: `rewrite entry ${seq} with a recomputed hash`,
    tamper: rewrite(seq),
    seq,
    reason: /rewritten/,
    tailOnlyInProcess: seq === N,
  })),
  {
    name: 'delete entry 7 and renumber the rest to close the gap',
    tamper: (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 7').run();
      db.prepare('UPDATE audit_log SET seq = -seq WHERE seq > 7').run();
      db.prepare('UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0').run();
    },
    seq: 7,
    reason: /prev_hash/,
  },
];

describe('verify names the tampered entry', () => {
  let store: AuditDb;
  let f: AuditFixture;
  beforeAll(async () => {
    store = await openAuditDb();
    store.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  });
  afterAll(() => store.close());
  beforeEach(async () => {
    // One store for the whole table: opening one per case costs a keychain round trip.
    store.db.exec('DELETE FROM audit_log');
    f = logOver(store);
    fill(f, N);
    expect(await f.audit.verify()).toEqual({ ok: true, checked: N, firstBadSeq: null, reason: null });
  });

  it.each(CASES)('$name', async ({ tamper, seq, reason, tailOnlyInProcess }) => {
    tamper(f.db);
    const result = await f.audit.verify();
    expect(result).toMatchObject({ ok: false, checked: seq - 1, firstBadSeq: seq });
    expect(result.reason).toMatch(reason);
    if (!tailOnlyInProcess) expect(await f.reopen().verify()).toEqual(result);
  });

  it('still verifies when nothing was changed after dropping the triggers', async () => {
    expect(await f.reopen().verify()).toMatchObject({ ok: true, checked: N });
  });
});

describe('verify across pages', () => {
  const SIZE = 20_000;
  let f: AuditFixture;
  beforeAll(async () => {
    f = logOver(await openAuditDb());
    for (let i = 0; i < SIZE; i += 1_000) {
      f.audit.appendMany(Array.from({ length: 1_000 }, (_, j) => sampleEntry(i + j)));
    }
    f.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  });
  afterAll(() => f.close());

  it('verifies a log longer than one read', async () => {
    expect(await f.audit.verify()).toEqual({ ok: true, checked: SIZE, firstBadSeq: null, reason: null });
  });

  it.each([8_191, 8_192, 8_193, 8_194, 16_385, SIZE])('names entry %i, edited, on either side of a page boundary', async (seq) => {
    const undo = f.db.prepare('SELECT actor FROM audit_log WHERE seq = ?').pluck().get(seq);
    f.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?").run(seq);
    try {
      expect(await f.audit.verify()).toMatchObject({ ok: false, checked: seq - 1, firstBadSeq: seq });
    } finally {
      f.db.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run(undo, seq);
    }
  });

  it('names a deleted entry at a page boundary', async () => {
    const row = f.db.prepare('SELECT * FROM audit_log WHERE seq = 8193').get() as Record<string, unknown>;
    f.db.prepare('DELETE FROM audit_log WHERE seq = 8193').run();
    try {
      expect(await f.audit.verify()).toMatchObject({ ok: false, checked: 8_192, firstBadSeq: 8_193, reason: expect.stringMatching(/missing/) });
    } finally {
      f.db.prepare('INSERT INTO audit_log (seq, time, actor, action, target, outcome, detail, prev_hash, hash) VALUES (@seq, @time, @actor, @action, @target, @outcome, @detail, @prev_hash, @hash)').run(row);
    }
    expect(await f.audit.verify()).toMatchObject({ ok: true });
  });
});

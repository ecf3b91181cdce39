/**
 * The audit trail on a real encrypted store (openStore: SQLCipher, WAL,
 * synchronous=FULL). Goals: appending in batches of 1,000 through appendMany,
 * with the real PHI redactor, at >= 50,000 entries/s; verify walking
 * 1,000,000 entries in <= 3 s on two cores. Each figure comes with the floor
 * SQLite itself sets in the same run, so a miss can be told apart from a slow
 * machine: the same rows inserted bare (no redaction, canonical form or hash),
 * and a bare scan of the table. Reported, never asserted.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { AuditLog, type AuditInput } from '../src-main/audit/audit-log';
import { COLUMNS, type AuditRow } from '../src-main/audit/rows';
import { systemClock } from '../src-main/clock';
import { redactDeep } from '../src-main/phi/redact';
import type { BenchResult, BenchSuite } from './result';
import { withTempStore } from './temp-store';

const BATCH = 1_000;
const ACTORS = ['admin', 'olga.operator', 'sam.safety', 'tess.support', 'system'];
const ACTIONS = ['session.login', 'users.update', 'runbooks.run', 'tickets.update', 'audit.export'];

/** One batch shaped like the dispatcher's entries, reused for every batch so building it stays off the clock. */
function batch(): AuditInput[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    actor: ACTORS[i % ACTORS.length] as string,
    action: ACTIONS[i % ACTIONS.length] as string,
    target: i % 3 === 0 ? null : `user:${i}`,
    outcome: i % 17 === 0 ? 'FORBIDDEN' : 'ok',
    detail: i % 2 === 0 ? null : { role: { from: 'operator', to: 'admin' }, note: `changed by request ${i}`, count: i },
  }));
}

function seconds(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

/** The rows append wrote, inserted again into a twin of audit_log with nothing computed per row. */
function bareInsertSeconds(db: Database.Database, total: number): number {
  db.exec(`CREATE TABLE bench_bare AS SELECT * FROM audit_log WHERE 0;
    CREATE INDEX bench_bare_time ON bench_bare(time);
    CREATE INDEX bench_bare_actor ON bench_bare(actor, seq);
    CREATE INDEX bench_bare_action ON bench_bare(action, seq);`);
  try {
    const rows = db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq LIMIT ?`).raw().all(BATCH) as AuditRow[];
    const insert = db.prepare(`INSERT INTO bench_bare (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertBatch = db.transaction((offset: number) => {
      for (const r of rows) insert.run(r[0] + offset, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    });
    return seconds(() => {
      for (let offset = 0; offset < total; offset += BATCH) insertBatch(offset);
    });
  } finally {
    db.exec('DROP TABLE bench_bare');
  }
}

export const run: BenchSuite = async ({ quick }) => {
  const total = quick ? 100_000 : 1_000_000;
  return withTempStore({ name: 'audit' }, (store) => {
    const audit = new AuditLog(store.db, { clock: systemClock, redact: redactDeep });
    const inputs = batch();
    const append = seconds(() => {
      for (let written = 0; written < total; written += BATCH) audit.appendMany(inputs);
    });
    const bare = bareInsertSeconds(store.db, total);

    const verifyStarted = performance.now();
    const verdict = audit.verify();
    const verify = (performance.now() - verifyStarted) / 1000;
    if (!verdict.ok || verdict.checked !== total) throw new Error(`verify did not pass: ${JSON.stringify(verdict)}`);
    const scan = seconds(() => store.db.prepare('SELECT count(hash) FROM audit_log').get());

    const rate = (s: number) => Math.round(total / s);
    const results: BenchResult[] = [
      { name: 'append.batch1000', value: rate(append), unit: 'entries/s', baseline: rate(bare), ratio: round(rate(append) / rate(bare)) },
      { name: `verify.${total}`, value: round(verify), unit: 's', baseline: round(scan), ratio: round(verify / scan) },
    ];
    return results;
  });
};

function round(n: number): number {
  return Number(n.toFixed(3));
}

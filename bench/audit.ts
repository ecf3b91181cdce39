/**
 * The audit trail on a real encrypted store (openStore: SQLCipher, WAL,
 * synchronous=FULL, checkpoints in a worker thread). Goals: appending in batches of 1,000 through appendMany,
 * with the real PHI redactor, at >= 50,000 entries/s; verify walking
 * 1,000,000 entries in <= 3 s on two cores, in its worker thread, while the
 * main loop stays responsive (its delay p99 <= 20 ms, measured with
 * perf_hooks.monitorEventLoopDelay while the main thread goes on appending a
 * few entries every 50 ms, as a busy console would). Each figure comes with
 * the floor SQLite itself sets in the same run, so a miss can be told apart
 * from a slow machine: the same rows inserted bare (no redaction, canonical
 * form or hash), and a bare scan of the table. Reported, never asserted.
 *
 * From source (as here, under tsx) the verify worker compiles its TypeScript
 * when it starts, which the built app does not; verify.worker-start is that
 * cost, measured on an empty log, and is included in the verify figure.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AuditLog, type AuditInput } from '../src-main/audit/audit-log';
import { COLUMNS, type AuditRow } from '../src-main/audit/stored-row';
import { walkInWorkers } from '../src-main/audit/verify-run';
import { systemClock } from '../src-main/clock';
import { redactDeep } from '../src-main/phi/redact';
import type { Store } from '../src-main/store/store';
import type { BenchResult, BenchSuite } from './result';
import { withTempStore } from './temp-store';

const BATCH = 1_000;
const ACTORS = ['admin', 'olga.operator', 'sam.safety', 'tess.support', 'system'];
const ACTIONS = ['session.login', 'users.update', 'runbooks.run', 'tickets.update', 'audit.export'];
/** The main thread's own work while verify runs: a few entries every so often. */
const DURING_VERIFY = { entries: 5, everyMs: 50 };

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

function auditLog(store: Store): AuditLog {
  return new AuditLog(store.db, {
    clock: systemClock,
    redact: redactDeep,
    walk: (lastSeq, onProgress) => walkInWorkers((entry, data) => store.startReader(entry, data), lastSeq, onProgress),
  });
}

/**
 * Verify's wall time, the CPU time all threads spent meanwhile (the workers'
 * walk, which a busy machine does not change), and the main loop's delay,
 * with the main thread appending now and then.
 */
async function verifyWhileBusy(
  audit: AuditLog,
  inputs: readonly AuditInput[],
): Promise<{ seconds: number; cpuSeconds: number; checked: number; delayP99Ms: number; delayMaxMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const few = inputs.slice(0, DURING_VERIFY.entries);
  const busy = setInterval(() => audit.appendMany(few), DURING_VERIFY.everyMs);
  delay.enable();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const verdict = await audit.verify();
    if (!verdict.ok) throw new Error(`verify did not pass: ${JSON.stringify(verdict)}`);
    const cpu = process.cpuUsage(cpuBefore);
    return {
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      checked: verdict.checked,
      delayP99Ms: delay.percentile(99) / 1e6,
      delayMaxMs: delay.max / 1e6,
    };
  } finally {
    delay.disable();
    clearInterval(busy);
  }
}

export const run: BenchSuite = async ({ quick }) => {
  const total = quick ? 100_000 : 1_000_000;
  return withTempStore({ name: 'audit' }, async (store) => {
    const audit = auditLog(store);
    const workerStart = (await verifyWhileBusy(audit, [])).seconds;

    const inputs = batch();
    // The event loop runs between batches, as it does between the app's writes (the store then starts its checkpoint worker).
    const appendStarted = performance.now();
    for (let written = 0; written < total; written += BATCH) {
      audit.appendMany(inputs);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const append = (performance.now() - appendStarted) / 1000;
    const bare = bareInsertSeconds(store.db, total);

    const verify = await verifyWhileBusy(audit, inputs);
    if (verify.checked < total) throw new Error(`verify checked ${verify.checked} of ${total} entries`);
    const scan = seconds(() => store.db.prepare('SELECT count(hash) FROM audit_log').get());

    const rate = (s: number) => Math.round(total / s);
    const results: BenchResult[] = [
      { name: 'append.batch1000', value: rate(append), unit: 'entries/s', baseline: rate(bare), ratio: round(rate(append) / rate(bare)) },
      { name: 'verify.worker-start', value: round(workerStart), unit: 's' },
      { name: `verify.${total}`, value: round(verify.seconds), unit: 's', baseline: round(scan), ratio: round(verify.seconds / scan) },
      { name: `verify.${total}.cpu`, value: round(verify.cpuSeconds), unit: 'cpu-s' },
      { name: 'verify.main-loop-delay.p99', value: round(verify.delayP99Ms), unit: 'ms' },
      { name: 'verify.main-loop-delay.max', value: round(verify.delayMaxMs), unit: 'ms' },
    ];
    return results;
  });
};

function round(n: number): number {
  return Number(n.toFixed(3));
}

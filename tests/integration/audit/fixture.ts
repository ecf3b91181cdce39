/** An AuditLog over a fresh encrypted database, with a clock the test moves. */
import { AuditLog, type AuditInput, type AuditLogOptions } from '../../../src-main/audit/audit-log';
import { StoredChain, WHOLE_CHAIN } from '../../../src-main/audit/verify-db';
import { walkInWorkers } from '../../../src-main/audit/verify-run';
import { manualClock } from '../../../src-main/clock';
import { openAuditDb, type AuditDb } from './audit-db';

export const START = Date.UTC(2026, 0, 1);

export interface AuditFixture extends AuditDb {
  audit: AuditLog;
  clock: ReturnType<typeof manualClock>;
  appended: number[];
  /** Progress reports of verify, as [checked, total]. */
  progress: [number, number][];
  /** A second AuditLog over the same database, as after a restart. */
  reopen(): AuditLog;
}

/**
 * Where verify walks the chain: in a worker thread on a read-only connection
 * of its own, as the app does, or on the test's own connection, which is
 * what the many tamper cases use (a worker from TypeScript source takes a
 * quarter of a second to start).
 */
export type WalkOn = 'worker' | 'here';

export async function auditFixture(opts: { redact?: (v: unknown) => unknown; walk?: WalkOn } = {}): Promise<AuditFixture> {
  return logOver(await openAuditDb(), opts);
}

/** A new AuditLog and clock over a database that is already open. */
export function logOver(store: AuditDb, opts: { redact?: (v: unknown) => unknown; walk?: WalkOn } = {}): AuditFixture {
  const clock = manualClock(START);
  const appended: number[] = [];
  const progress: [number, number][] = [];
  const options: AuditLogOptions = {
    clock,
    redact: opts.redact ?? ((v) => v),
    walk:
      opts.walk === 'worker'
        ? (lastSeq, onProgress) => walkInWorkers((entry, data) => store.store.startReader(entry, data), lastSeq, onProgress)
        : async (_lastSeq, onProgress) => new StoredChain(store.db).walk(WHOLE_CHAIN, onProgress),
  };
  const audit = new AuditLog(store.db, {
    ...options,
    onAppend: (tip) => appended.push(tip.seq),
    onVerifyProgress: (checked, total) => progress.push([checked, total]),
  });
  return { ...store, audit, clock, appended, progress, reopen: () => new AuditLog(store.db, options) };
}

/** Entry i of a varied, deterministic log: three actors, four actions, some targets and details. */
export function sampleEntry(i: number): AuditInput {
  return {
    actor: ['admin', 'olga.operator', 'sam.safety'][i % 3] as string,
    action: ['session.login', 'users.create', 'audit.export', 'users.update'][i % 4] as string,
    target: i % 2 === 0 ? `user:${i}` : null,
    outcome: i % 5 === 4 ? 'FORBIDDEN' : 'ok',
    detail: i % 3 === 0 ? null : { n: i, role: { from: 'operator', to: 'admin' }, tags: ['a', i] },
  };
}

/** Appends n sample entries one second apart; returns them. */
export function fill(f: AuditFixture, n: number, first = 0) {
  const out = [];
  for (let i = first; i < first + n; i++) {
    out.push(f.audit.append(sampleEntry(i)));
    f.clock.advance(1_000);
  }
  return out;
}

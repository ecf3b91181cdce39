/** An AuditLog over a fresh encrypted database, with a clock the test moves. */
import { AuditLog, type AuditInput } from '../../../src-main/audit/audit-log';
import { manualClock } from '../../../src-main/clock';
import { openAuditDb, type AuditDb } from './audit-db';

export const START = Date.UTC(2026, 0, 1);

export interface AuditFixture extends AuditDb {
  audit: AuditLog;
  clock: ReturnType<typeof manualClock>;
  appended: number[];
  /** A second AuditLog over the same database, as after a restart. */
  reopen(): AuditLog;
}

export async function auditFixture(redact?: (v: unknown) => unknown): Promise<AuditFixture> {
  return logOver(await openAuditDb(), redact);
}

/** A new AuditLog and clock over a database that is already open. */
export function logOver(store: AuditDb, redact: (v: unknown) => unknown = (v) => v): AuditFixture {
  const clock = manualClock(START);
  const appended: number[] = [];
  const audit = new AuditLog(store.db, { clock, redact, onAppend: (seq) => appended.push(seq) });
  return { ...store, audit, clock, appended, reopen: () => new AuditLog(store.db, { clock, redact }) };
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

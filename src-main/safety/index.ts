/**
 * The patient-safety service: six indicators and their weighted score every
 * 30 s from the other services' faces, the HIPAA compliance score, safety
 * incidents (one per violation episode; critical ones ticketed, alerted and
 * given the seed's recommended action), review and electronic sign-off, the
 * history rolled up, and the monthly clinical validation report.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditApi } from '../audit';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { MonitorApi } from '../monitor';
import type { NotifyApi } from '../notify';
import { redact } from '../phi';
import type { ServiceModule } from '../service-module';
import type { SchedulerTimers, TicketsApi } from '../tickets';
import type { UsersApi } from '../users';
import { Episodes } from './episodes';
import { Evaluator, type Evaluation } from './evaluator';
import { safetyHandlers } from './handlers';
import type { ReportMonth } from '../../src-shared/contract';
import { reportWithCsv, type ReportWithCsv } from './report';
import { History } from './history';
import { IncidentRepo } from './incident-repo';
import { redactionSelfTest } from './phi-self-test';
import { SettingsRepo } from './settings-repo';

export type { Evaluation } from './evaluator';
export type { ReportWithCsv } from './report';

export const SAFETY_TICK_MS = 30_000;
/** The audit chain is walked this often (off the main thread); ticks use its last verdict. */
export const AUDIT_VERIFY_MS = 10 * 60_000;

export interface SafetyApi {
  /** Evaluates now (tests and the bench; the timer does it every 30 s). */
  evaluate(): Evaluation;
  /** Walks the audit chain now and keeps its verdict for the next evaluations. */
  verifyAudit(): Promise<void>;
  /** The month's clinical validation report and its CSV, as safety.report.csv gives them (a runbook step saves the file). */
  monthlyReport(month: ReportMonth): ReportWithCsv;
  /** The latest evaluation, or one made now when none has run yet (a runbook step reads the indicators). */
  current(): Evaluation;
}

export interface SafetyDeps {
  db: Database.Database;
  /** The database file, whose header says whether it is encrypted. */
  storePath: string;
  clock: Clock;
  log: Logger;
  events: EventBus;
  audit: Pick<AuditApi, 'writer' | 'verify' | 'tally'>;
  monitor: Pick<MonitorApi, 'lastHour' | 'raise'>;
  notify: Pick<NotifyApi, 'notice' | 'routes'>;
  tickets: Pick<TicketsApi, 'open' | 'period'>;
  users: Pick<UsersApi, 'confirmPassword' | 'accessPolicy'>;
  /** The evaluation's waits; real timers by default (tests move them by hand). */
  timers?: SchedulerTimers;
}

const systemTimers: SchedulerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A plaintext SQLite file starts with this header; an encrypted one does not. */
function encryptedFile(path: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return !header.equals(Buffer.from('SQLite format 3\0', 'latin1'));
}

export function createSafetyModule(deps: SafetyDeps): ServiceModule<SafetyApi> {
  const { db, clock, log, events } = deps;
  const timers = deps.timers ?? systemTimers;
  const settings = new SettingsRepo(db, clock.now());
  const history = new History(db);
  const incidents = new IncidentRepo(db);
  const episodes = new Episodes({ repo: incidents, monitor: deps.monitor, tickets: deps.tickets, notify: deps.notify, audit: deps.audit.writer, events, log });
  const evaluator = new Evaluator({
    clock,
    settings,
    history,
    episodes,
    monitor: deps.monitor,
    audit: deps.audit,
    notify: deps.notify,
    users: deps.users,
    encrypted: encryptedFile(deps.storePath),
    selfTest: redactionSelfTest(redact),
  });

  const report = { history, incidents, tickets: deps.tickets, tickMs: SAFETY_TICK_MS };

  let closed = false;
  let tick: unknown = null;
  let verifyTimer: unknown = null;

  const evaluate = (): Evaluation => {
    const result = evaluator.evaluate();
    events.emit('safety.updated', { at: result.at, incidentId: null });
    return result;
  };
  const verifyAudit = async () => {
    try {
      evaluator.setVerify(await deps.audit.verify());
    } catch (err) {
      log.error('safety: walking the audit chain failed; the next walk tries again', { error: err });
    }
  };
  const armTick = () => {
    tick = timers.setTimeout(() => {
      try {
        evaluate();
      } catch (err) {
        log.error('safety: an evaluation failed; the next one tries again', { error: err });
      }
      if (!closed) armTick();
    }, SAFETY_TICK_MS);
  };
  const armVerify = (delayMs: number) => {
    verifyTimer = timers.setTimeout(() => {
      void verifyAudit().finally(() => {
        if (!closed) armVerify(AUDIT_VERIFY_MS);
      });
    }, delayMs);
  };
  // The first walk at once, so compliance has data from the first ticks.
  armVerify(0);
  armTick();

  return {
    name: 'safety',
    handlers: safetyHandlers({ clock, events, evaluator, history, incidents, settings, users: deps.users, report }),
    api: { evaluate, verifyAudit, monthlyReport: (month) => reportWithCsv(report, month, clock.now()), current: () => evaluator.latest() ?? evaluate() },
    close: () => {
      closed = true;
      if (tick !== null) timers.clearTimeout(tick);
      if (verifyTimer !== null) timers.clearTimeout(verifyTimer);
    },
  };
}

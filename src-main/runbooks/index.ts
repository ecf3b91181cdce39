/**
 * Runbooks: YAML procedures of built-in actions, run from a button or a
 * schedule, with confirmations, approvals, a person's decisions, streamed
 * steps and a history kept for the retention. State of runs in progress
 * lives here in main; a run cut short by a crash is marked INTERRUPTED at
 * the next start.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditVerifyResult } from '../../src-shared/contract';
import type { AuditWriter } from '../audit';
import type { Clock } from '../clock';
import type { ConnectionsApi } from '../connections';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { systemTimers, type MonitorApi, type Timers } from '../monitor';
import type { OutboundGuard } from '../net';
import type { NotifyApi } from '../notify';
import { redact } from '../phi';
import type { ServiceModule } from '../service-module';
import type { Store } from '../store';
import type { TicketsApi } from '../tickets';
import type { ActionDef } from './actions/action';
import { builtinActions } from './actions';
import type { ActionDeps } from './actions/deps';
import { Executor } from './executor';
import { runbookHandlers } from './handlers';
import { RunbookLibrary, SHIPPED_RUNBOOKS_DIR } from './library';
import { RunRepo } from './run-repo';
import { RunService } from './runs';
import { RunbookScheduler } from './scheduler';
import { RunbookSettings } from './settings';

export { action, StepFailure, type ActionContext, type ActionDef } from './actions/action';

const DAY_MS = 86_400_000;

export interface RunbooksDeps {
  db: Database.Database;
  store: Pick<Store, 'backup'>;
  dataDir: string;
  clock: Clock;
  log: Logger;
  events: EventBus;
  audit: AuditWriter;
  verifyAudit(): Promise<AuditVerifyResult>;
  exportAudit: ActionDeps['exportAudit'];
  auditTally: ActionDeps['auditTally'];
  connections: Pick<ConnectionsApi, 'list' | 'find' | 'probe' | 'setSandbox'>;
  monitor: Pick<MonitorApi, 'addMaintenance' | 'removeMaintenance' | 'checkWorkstation'>;
  notify: Pick<NotifyApi, 'notice' | 'testChannels'>;
  tickets: Pick<TicketsApi, 'open'>;
  safety: ActionDeps['safety'];
  kpi: ActionDeps['kpi'];
  outbound: OutboundGuard;
  /** The executor's and scheduler's waits; real timers by default. */
  timers?: Timers;
  /** Where the shipped runbooks are; resources/runbooks by default. */
  shippedDir?: string;
  /** Actions beside the built-in ones (tests add fakes). */
  extraActions?: readonly ActionDef[];
}

export interface RunbooksApi {
  /** Resolves when a run ends; undefined for a run not in progress. */
  settled(runId: string): Promise<string> | undefined;
}

export function createRunbooksModule(deps: RunbooksDeps): ServiceModule<RunbooksApi> {
  const { db, clock, events, log } = deps;
  const timers = deps.timers ?? systemTimers;
  const repo = new RunRepo(db);
  const settings = new RunbookSettings(db);
  const prune = () => repo.prune(clock.now() - settings.retentionDays() * DAY_MS);
  const actions = new Map(
    [
      ...builtinActions({
        db,
        store: deps.store,
        dataDir: deps.dataDir,
        clock,
        connections: deps.connections,
        monitor: deps.monitor,
        notify: deps.notify,
        tickets: deps.tickets,
        safety: deps.safety,
        kpi: deps.kpi,
        verifyAudit: deps.verifyAudit,
        exportAudit: deps.exportAudit,
        auditTally: deps.auditTally,
        outbound: deps.outbound,
        pruneRuns: prune,
        execEntry: (name) => settings.execEntry(name),
        redact,
      }).values(),
      ...(deps.extraActions ?? []),
    ].map((a) => [a.name, a]),
  );
  const library = new RunbookLibrary(db, actions, clock);
  library.syncShipped(deps.shippedDir ?? SHIPPED_RUNBOOKS_DIR);
  const executor = new Executor({ repo, events, clock, timers, actions, redact });
  const connection = (id: number) => {
    const found = deps.connections.find(id);
    return found && { name: found.config.name, tags: found.config.tags };
  };
  const runs = new RunService({ db, repo, library, executor, actions, events, clock, log, audit: deps.audit, connection });
  runs.markInterrupted();
  const scheduler = new RunbookScheduler({
    clock,
    timers,
    settings,
    audit: deps.audit,
    log,
    scheduled: () => library.all().flatMap((l) => (l.definition?.schedule ? [l.definition] : [])),
    start: (def) => runs.start({ id: def.id, params: def.schedule?.params ?? {}, confirmations: [] }, 'scheduler', 'schedule'),
    housekeeping: prune,
  });
  scheduler.start();

  return {
    name: 'runbooks',
    handlers: runbookHandlers({ library, runs, repo, settings, scheduler, actions, events, clock, prune }),
    api: { settled: (runId) => runs.settled(runId) },
    close: async () => {
      scheduler.close();
      await runs.close();
      repo.close();
    },
  };
}

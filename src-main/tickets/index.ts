/**
 * The tickets service: tickets as append-only events with a derived row
 * each, the queue in SLA order, SLA clocks computed from events and a
 * scheduler that records each mark once, tickets from alerts, suggestions,
 * import and export, saved views, and the SLA policies.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketEvent } from '../../src-shared/tickets';
import type { AuditWriter } from '../audit';
import type { Clock } from '../clock';
import type { ConnectionsApi } from '../connections';
import type { EventBus } from '../events';
import type { KbApi } from '../kb';
import type { Logger } from '../log';
import type { MonitorApi } from '../monitor';
import type { NotifyApi } from '../notify';
import { lazyPatientRef } from '../phi';
import type { SecretStore } from '../secrets';
import type { ServiceModule } from '../service-module';
import type { UsersApi } from '../users';
import { AlertRulesRepo } from './alerts/alert-rules-repo';
import { AlertTickets } from './alerts/alert-tickets';
import { ticketHandlers } from './handlers';
import { TicketService, type NewTicketInput } from './service/ticket-service';
import { TicketWriter, type ShareTap, type SharedEvent } from './service/ticket-writer';
import { defaultPolicy, PolicyRepo } from './sla/policies';
import { SlaScheduler, type SchedulerTimers } from './sla/sla-scheduler';
import { TicketRepo } from './store/ticket-repo';
import { ViewsRepo } from './store/views-repo';
import { TicketImporter } from './transfer/importer';

export { SLA_TICK_MS, type SchedulerTimers } from './sla/sla-scheduler';
export type { NewTicketInput } from './service/ticket-service';
export type { ShareTap, SharedEvent } from './service/ticket-writer';

/** What other services may do with tickets. */
export interface TicketsApi {
  /**
   * Opens a ticket as `actor` (a username, or 'vigil'/'scheduler' when no
   * person is at the keys), as tickets.create would; the caller audits it.
   * Throws as the service does (an alert already ticketed: TicketConflictError).
   */
  open(input: NewTicketInput, actor: string): { id: string; number: number };
  /** Team mode: hears every ticket change inside its transaction (its outbox); null stops it. */
  share(tap: ShareTap | null): void;
  /** Team mode: events as the shared database applied them; their tickets are refolded in one transaction. */
  merge(items: readonly SharedEvent[]): void;
  /** Team mode: every event written here that no shared database has applied (a first join shares them). */
  unshared(): TicketEvent[];
}

export interface TicketsDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  secrets: SecretStore;
  audit: AuditWriter;
  notify: Pick<NotifyApi, 'notice'>;
  monitor: Pick<MonitorApi, 'alert' | 'board'>;
  connections: Pick<ConnectionsApi, 'find'>;
  users: Pick<UsersApi, 'list'>;
  kb: KbApi;
  /** The SLA scheduler's waits; real timers by default (tests move them by hand). */
  timers?: SchedulerTimers;
  /** The business-hours calendar's zone in the first SLA policy; this machine's by default. */
  timeZone?: string;
}

const systemTimers: SchedulerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createTicketsModule(deps: TicketsDeps): ServiceModule<TicketsApi> {
  const { db, clock, log, events } = deps;
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const repo = new TicketRepo(db);
  const policies = new PolicyRepo(db, () => defaultPolicy(timeZone), clock.now());
  const writer = new TicketWriter({ db, repo, policies, events, clock });
  const alertRules = new AlertRulesRepo(db, log);
  const alertTickets = new AlertTickets({ writer, repo, rules: alertRules, audit: deps.audit, log, monitor: deps.monitor });
  const scheduler = new SlaScheduler({ writer, repo, policies, events, notify: deps.notify, audit: deps.audit, log, clock, timers: deps.timers ?? systemTimers });

  const patientRef = lazyPatientRef(deps.secrets);
  const service = new TicketService(writer);

  alertTickets.catchUp();
  const unfollow = alertTickets.follow(events);
  scheduler.start();

  return {
    name: 'tickets',
    handlers: ticketHandlers({
      db,
      repo,
      service,
      policies,
      views: new ViewsRepo(db),
      importer: new TicketImporter({ db, writer, repo, policies, clock, events }),
      alertRules,
      kb: deps.kb,
      monitor: deps.monitor,
      connections: deps.connections,
      users: deps.users,
      clock,
      patientRef,
    }),
    api: {
      open: (input, actor) => {
        const { state } = service.create(input, actor, (alertId) => repo.byAlert(alertId));
        return { id: state.id, number: state.number };
      },
      share: (tap) => writer.share(tap),
      merge: (items) => writer.merge(items),
      unshared: () => repo.unshared(),
    },
    close: () => {
      unfollow();
      scheduler.close();
    },
  };
}

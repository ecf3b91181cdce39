/**
 * Team mode (optional): several workstations share tickets through one
 * PostgreSQL database. The local encrypted file stays the working copy;
 * shared changes go to a local outbox in the transaction that makes them,
 * a sync loop pushes them to PostgreSQL functions that apply each once
 * and pulls back what others did. Inert until an admin switches it on.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditApi } from '../audit';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { MonitorApi } from '../monitor';
import type { OutboundGuard } from '../net';
import type { SecretStore } from '../secrets';
import type { ServiceModule } from '../service-module';
import type { TicketsApi } from '../tickets';
import type { UsersApi } from '../users';
import { teamHandlers } from './handlers';
import { createOpKinds } from './op-kinds';
import { connectPg, TeamService, type Connector } from './team-service';
import { TeamStore } from './team-store';

export { migrateShared, checkShared, TeamSchemaError } from './shared-schema';
export type { Connector } from './team-service';

export interface TeamApi {
  /** Syncs now when team mode is on (tests and benches; the console uses team.sync). */
  syncNow(): Promise<void>;
}

export interface TeamDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  secrets: SecretStore;
  tickets: Pick<TicketsApi, 'share' | 'merge' | 'unshared'>;
  /** Vigil's outbound rules and DNS, checked before every connection. */
  outbound: Pick<OutboundGuard, 'checkResolved'>;
  /** Alert responses: people's acknowledgements, take-backs and resolutions to the outbox, the shared claims back. */
  monitor: Pick<MonitorApi, 'shareResponses' | 'mergeResponses'>;
  /** Accounts: their changes to the outbox, the shared database's decisions back, verifiers looked up. */
  users: Pick<UsersApi, 'shareAccounts' | 'mergeAccounts' | 'lookUpVerifiers'>;
  /** The local audit chain, copied to the shared database each round. */
  audit: Pick<AuditApi, 'entriesAfter'>;
  /** Opens a connection to the shared database (tests put faults in it); node-postgres by default. */
  connect?: Connector;
  /** Time between sync rounds when no notification wakes the loop (default 5 s). */
  pollMs?: number;
  /** Wake on others' pushes with LISTEN/NOTIFY (default true; the bench measures polling alone without it). */
  listen?: boolean;
}

export async function createTeamModule(deps: TeamDeps): Promise<ServiceModule<TeamApi>> {
  const store = new TeamStore(deps.db);
  const service = new TeamService({
    db: deps.db,
    store,
    kinds: createOpKinds({ tickets: deps.tickets, users: deps.users, monitor: deps.monitor, self: store.workstation }),
    users: deps.users,
    secrets: deps.secrets,
    clock: deps.clock,
    log: deps.log,
    connect: deps.connect ?? connectPg,
    outbound: deps.outbound,
    pollMs: deps.pollMs ?? 5_000,
    listen: deps.listen ?? true,
    onChange: (status) => deps.events.emit('team.changed', status),
    auditEntries: deps.audit.entriesAfter,
  });
  const unsubscribe = deps.events.subscribe((m) => {
    if (m.event === 'audit.appended') service.nudge();
  });
  await service.resume();
  return {
    name: 'team',
    handlers: teamHandlers(service),
    api: { syncNow: async () => void (await service.syncNow()) },
    close: async () => {
      unsubscribe();
      await service.close();
    },
  };
}

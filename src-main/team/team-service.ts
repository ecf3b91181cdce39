/**
 * Team mode on this workstation: its settings and the keychain's password,
 * the outbox tap on tickets while it is on, and the sync loop. Off (the
 * default), nothing here runs and nothing is written to the outbox.
 */
import pg from 'pg';
import type { TeamAuditVerifyResult, TeamSettingsValues, TeamStatus } from '../../src-shared/contract/team';
import type { ChainEntry } from '../audit';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { TicketsApi } from '../tickets';
import type { UsersApi } from '../users';
import { AuditShare } from './audit-share';
import { verifySharedAudit } from './audit-verify';
import { ACCOUNT_CHANGE, TICKET_EVENT, type OpKind } from './op-kinds';
import { checkShared } from './shared-schema';
import { SyncLoop } from './sync-loop';
import type { StoredSettings, TeamStore } from './team-store';

export const PASSWORD_ACCOUNT = 'team-database-password';

export type Connector = (config: pg.ClientConfig) => Promise<pg.Client>;

export const connectPg: Connector = async (config) => {
  const client = new pg.Client(config);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return client;
};

export class TeamConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamConnectError';
  }
}

export class TeamPasswordMissingError extends Error {
  constructor() {
    super('Enter the password of the database login');
    this.name = 'TeamPasswordMissingError';
  }
}

export interface TeamServiceDeps {
  store: TeamStore;
  kinds: ReadonlyMap<string, OpKind>;
  tickets: Pick<TicketsApi, 'share'>;
  users: Pick<UsersApi, 'shareAccounts'>;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  connect: Connector;
  pollMs: number;
  listen: boolean;
  onChange: (status: TeamStatus) => void;
  db: ConstructorParameters<typeof SyncLoop>[0]['db'];
  /** This workstation's audit chain, which each round copies to the shared database. */
  auditEntries: (afterSeq: number, limit: number) => ChainEntry[];
}

const CONNECT_TIMEOUT_MS = 10_000;

function clientConfig(s: Pick<StoredSettings, 'host' | 'port' | 'database' | 'user' | 'tls'>, password: string): pg.ClientConfig {
  return {
    host: s.host,
    port: s.port,
    database: s.database,
    user: s.user,
    password,
    // TLS verifies the server's certificate against the system's trusted authorities.
    ssl: s.tls ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'vigil',
  };
}

export class TeamNotOnError extends Error {
  constructor() {
    super('Team mode is off on this workstation');
    this.name = 'TeamNotOnError';
  }
}

export class TeamService {
  private loop: SyncLoop | null = null;
  private readonly auditShare: AuditShare;

  constructor(private readonly deps: TeamServiceDeps) {
    this.auditShare = new AuditShare({ workstation: deps.store.workstation, secrets: deps.secrets, entriesAfter: deps.auditEntries });
  }

  /** Starts the loop when team mode was left on. */
  async resume(): Promise<void> {
    const settings = this.deps.store.settings();
    if (settings) await this.switchOn(settings);
  }

  async status(): Promise<TeamStatus> {
    const { store, secrets } = this.deps;
    const settings = store.settings();
    const state = store.state();
    return {
      enabled: settings !== null,
      settings: settings && { ...settings, hasPassword: (await secrets.get(PASSWORD_ACCOUNT)) !== null },
      workstation: store.workstation,
      online: settings !== null && (this.loop?.online ?? false) && state.lastError === null,
      offlineSince: state.offlineSince,
      waiting: store.waitingCount(),
      lastError: state.lastError,
      lastSyncAt: state.lastSyncAt,
    };
  }

  /**
   * Switches team mode on (or to another database): the login is tried and
   * the shared schema checked before anything is saved.
   */
  async configure(input: TeamSettingsValues, actor: string): Promise<TeamStatus> {
    const { secrets, clock, store } = this.deps;
    const password = input.password ?? (await secrets.get(PASSWORD_ACCOUNT));
    if (!password) throw new TeamPasswordMissingError();
    let client: pg.Client | null = null;
    try {
      client = await this.deps.connect(clientConfig(input, password));
      await checkShared(client);
    } catch (err) {
      throw new TeamConnectError(err instanceof Error ? err.message : String(err));
    } finally {
      await client?.end().catch(() => undefined);
    }
    await this.switchOff();
    await secrets.set(PASSWORD_ACCOUNT, password);
    const settings: StoredSettings = { host: input.host, port: input.port, database: input.database, user: input.user, tls: input.tls, changedAt: clock.now(), changedBy: actor };
    store.saveSettings(settings);
    await this.switchOn(settings);
    return this.status();
  }

  async disable(): Promise<TeamStatus> {
    await this.switchOff();
    this.deps.store.clearSettings();
    await this.deps.secrets.delete(PASSWORD_ACCOUNT);
    const status = await this.status();
    this.deps.onChange(status);
    return status;
  }

  async syncNow(): Promise<TeamStatus> {
    await this.loop?.syncNow();
    return this.status();
  }

  /** Something shared changed outside the outbox (an audit entry): sync soon. */
  nudge(): void {
    this.loop?.nudge();
  }

  /** Verifies every workstation's audit chain in the shared database, and this one's against its copy. */
  async verifyAudit(): Promise<TeamAuditVerifyResult> {
    const client = await this.open();
    try {
      return await verifySharedAudit(client, { workstation: this.deps.store.workstation, entriesAfter: this.deps.auditEntries });
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The shared verifier of an account that has not signed in here yet. */
  private async sharedVerifier(username: string): Promise<string | null> {
    const client = await this.open();
    try {
      const { rows } = await client.query<{ verifier: string | null }>("SELECT fields->>'verifier' AS verifier FROM vigil.accounts WHERE username = $1", [username]);
      return rows[0]?.verifier ?? null;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A connection of its own to the shared database (the loop keeps its own). */
  private async open(): Promise<pg.Client> {
    const settings = this.deps.store.settings();
    if (!settings) throw new TeamNotOnError();
    const password = await this.deps.secrets.get(PASSWORD_ACCOUNT);
    if (!password) throw new TeamPasswordMissingError();
    try {
      const client = await this.deps.connect(clientConfig(settings, password));
      try {
        await checkShared(client);
      } catch (err) {
        await client.end().catch(() => undefined);
        throw err;
      }
      return client;
    } catch (err) {
      throw new TeamConnectError(err instanceof Error ? err.message : String(err));
    }
  }

  async close(): Promise<void> {
    await this.switchOff();
  }

  private async switchOn(settings: StoredSettings): Promise<void> {
    const { store, tickets, clock, secrets } = this.deps;
    const loop = new SyncLoop({
      db: this.deps.db,
      store,
      kinds: this.deps.kinds,
      clock,
      log: this.deps.log,
      pollMs: this.deps.pollMs,
      connect: async () => {
        const password = await secrets.get(PASSWORD_ACCOUNT);
        if (!password) throw new TeamPasswordMissingError();
        return this.deps.connect(clientConfig(settings, password));
      },
      onRound: () => void this.status().then(this.deps.onChange, () => undefined),
      listen: this.deps.listen,
      steps: [(client) => this.auditShare.push(client)],
    });
    tickets.share((events, baseVersion) => {
      for (const event of events) store.enqueue(TICKET_EVENT, event, baseVersion, clock.now());
      loop.nudge();
    });
    this.deps.users.shareAccounts({
      tap: (change) => {
        store.enqueue(ACCOUNT_CHANGE, change, 0, clock.now());
        loop.nudge();
      },
      verifier: (username) => this.sharedVerifier(username),
    });
    this.loop = loop;
    loop.start();
  }

  private async switchOff(): Promise<void> {
    this.deps.tickets.share(null);
    this.deps.users.shareAccounts(null);
    const loop = this.loop;
    this.loop = null;
    await loop?.stop();
  }
}

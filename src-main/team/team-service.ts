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
import type { OutboundGuard } from '../net';
import type { SecretStore } from '../secrets';
import type { UsersApi } from '../users';
import { AuditShare } from './audit-share';
import { verifySharedAudit } from './audit-verify';
import type { OpKind } from './op-kinds';
import { checkShared, sharedInstance } from './shared-schema';
import { SyncLoop } from './sync-loop';
import type { StoredSettings, TeamStore } from './team-store';

/**
 * The database password's keychain account. One keychain serves every data
 * folder on the machine, so it names the workstation (as the device key's
 * does): two consoles on one computer keep their own passwords.
 */
export const passwordAccount = (workstation: string) => `team-database-password-${workstation}`;

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

export class TeamOtherDatabaseError extends Error {
  constructor() {
    super('This workstation already shares its tickets through another team database; it cannot join a second one.');
    this.name = 'TeamOtherDatabaseError';
  }
}

export interface TeamServiceDeps {
  store: TeamStore;
  kinds: ReadonlyMap<string, OpKind>;
  users: Pick<UsersApi, 'lookUpVerifiers'>;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  connect: Connector;
  /** Vigil's outbound rules (no link-local or cloud metadata addresses) and its DNS, checked before each connection. */
  outbound: Pick<OutboundGuard, 'checkResolved'>;
  pollMs: number;
  listen: boolean;
  onChange: (status: TeamStatus) => void;
  db: ConstructorParameters<typeof SyncLoop>[0]['db'];
  /** This workstation's audit chain, which each round copies to the shared database. */
  auditEntries: (afterSeq: number, limit: number) => ChainEntry[];
}

const CONNECT_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 60_000;

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
    // A server that stops answering (a network that drops packets) fails the round instead of holding it.
    query_timeout: QUERY_TIMEOUT_MS,
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
  /** Whether the keychain holds the database password (asked once, not on every round). */
  private hasPassword = false;

  private readonly passwordAccount: string;

  constructor(private readonly deps: TeamServiceDeps) {
    this.passwordAccount = passwordAccount(deps.store.workstation);
    this.auditShare = new AuditShare({ workstation: deps.store.workstation, secrets: deps.secrets, entriesAfter: deps.auditEntries });
  }

  /** Starts the loop when team mode was left on. */
  async resume(): Promise<void> {
    const settings = this.deps.store.settings();
    this.hasPassword = (await this.deps.secrets.get(this.passwordAccount)) !== null;
    if (settings) await this.switchOn(settings);
  }

  status(): TeamStatus {
    const { store } = this.deps;
    const settings = store.settings();
    const state = store.state();
    return {
      enabled: settings !== null,
      settings: settings && { ...settings, hasPassword: this.hasPassword },
      workstation: store.workstation,
      online: settings !== null && (this.loop?.online ?? false) && state.lastError === null,
      offlineSince: state.offlineSince,
      waiting: store.waitingCount(),
      lastError: state.lastError,
      lastSyncAt: state.lastSyncAt,
    };
  }

  /**
   * Switches team mode on (or changes the login or address of the same
   * shared database): the login is tried and the shared schema checked
   * before anything is saved. The first time, everything this workstation
   * wrote goes to the outbox; a workstation never joins a second database.
   */
  async configure(input: TeamSettingsValues, actor: string): Promise<TeamStatus> {
    const { secrets, clock, store, db, kinds } = this.deps;
    const password = input.password ?? (await secrets.get(this.passwordAccount));
    if (!password) throw new TeamPasswordMissingError();
    let client: pg.Client | null = null;
    let instance: string;
    try {
      client = await this.open(input, password);
      await checkShared(client);
      instance = await sharedInstance(client);
    } catch (err) {
      throw new TeamConnectError(err instanceof Error ? err.message : String(err));
    } finally {
      await client?.end().catch(() => undefined);
    }
    const joined = store.sharedId();
    if (joined !== null && joined !== instance) throw new TeamOtherDatabaseError();
    await this.switchOff();
    await secrets.set(this.passwordAccount, password);
    this.hasPassword = true;
    const settings: StoredSettings = { host: input.host, port: input.port, database: input.database, user: input.user, tls: input.tls, changedAt: clock.now(), changedBy: actor };
    db.transaction(() => {
      store.saveSettings(settings);
      store.join(instance);
      // What was written here while team mode was off (all of it, on a first join) is shared now, oldest first.
      for (const [name, kind] of kinds) {
        const queued = store.queuedIds(name);
        for (const payload of kind.unshared()) if (!queued.has(payload.id)) store.enqueue(name, payload, 0, clock.now());
      }
    })();
    await this.switchOn(settings);
    return this.status();
  }

  async disable(): Promise<TeamStatus> {
    await this.switchOff();
    this.deps.store.clearSettings();
    await this.deps.secrets.delete(this.passwordAccount);
    this.hasPassword = false;
    const status = this.status();
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
    const client = await this.openShared();
    try {
      return await verifySharedAudit(client, { workstation: this.deps.store.workstation, entriesAfter: this.deps.auditEntries });
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The shared verifier of an account that has not signed in here yet. */
  private async sharedVerifier(username: string): Promise<string | null> {
    const client = await this.openShared();
    try {
      const { rows } = await client.query<{ verifier: string | null }>("SELECT fields->>'verifier' AS verifier FROM vigil.accounts WHERE username = $1", [username]);
      return rows[0]?.verifier ?? null;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A connection of its own to the shared database (the loop keeps its own). */
  private async openShared(): Promise<pg.Client> {
    const settings = this.deps.store.settings();
    if (!settings) throw new TeamNotOnError();
    const password = await this.deps.secrets.get(this.passwordAccount);
    if (!password) throw new TeamPasswordMissingError();
    try {
      const client = await this.open(settings, password);
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

  private async open(where: Pick<StoredSettings, 'host' | 'port' | 'database' | 'user' | 'tls'>, password: string): Promise<pg.Client> {
    await this.deps.outbound.checkResolved(where.host);
    return this.deps.connect(clientConfig(where, password));
  }

  private async switchOn(settings: StoredSettings): Promise<void> {
    const { store, clock, secrets } = this.deps;
    const loop = new SyncLoop({
      db: this.deps.db,
      store,
      kinds: this.deps.kinds,
      clock,
      log: this.deps.log,
      pollMs: this.deps.pollMs,
      connect: async () => {
        const password = await secrets.get(this.passwordAccount);
        if (!password) throw new TeamPasswordMissingError();
        return this.open(settings, password);
      },
      onRound: () => this.deps.onChange(this.status()),
      listen: this.deps.listen,
      steps: [(client) => this.auditShare.push(client)],
    });
    for (const [name, kind] of this.deps.kinds) {
      kind.share((payload, baseVersion) => {
        store.enqueue(name, payload, baseVersion, clock.now());
        loop.nudge();
      });
    }
    this.deps.users.lookUpVerifiers((username) => this.sharedVerifier(username));
    this.loop = loop;
    loop.start();
  }

  private async switchOff(): Promise<void> {
    for (const kind of this.deps.kinds.values()) kind.share(null);
    this.deps.users.lookUpVerifiers(null);
    const loop = this.loop;
    this.loop = null;
    await loop?.stop();
  }
}

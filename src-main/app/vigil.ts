/**
 * The composition root: opens the store, starts every service module in
 * order over it, joins their handler tables into the one the dispatcher
 * serves, and closes them in reverse. Electron's main and the browser host
 * both start Vigil through createVigil, so they run exactly the same code.
 *
 * Adding a service is one folder with an index.ts factory, one contract file
 * and one line in the list below. A module reaches another only through
 * the api of one started before it.
 */
import { createAuditModule } from '../audit';
import { systemClock, type Clock } from '../clock';
import { createConnectionsModule } from '../connections';
import { createDispatcher, type Dispatch } from '../dispatch';
import { createDisplaysModule } from '../displays';
import { EventBus } from '../events';
import { createKbModule } from '../kb';
import { createKpiModule, type KpiDeps } from '../kpi';
import { createLogger, type Logger } from '../log';
import { createMonitorModule, type MonitorDeps } from '../monitor';
import { createNetworkModule, type NetworkDeps } from '../network';
import { createNotifyModule, type DesktopNotifier } from '../notify';
import { createSafetyModule, type SafetyDeps } from '../safety';
import type { SandboxOptions } from '../sandbox';
import { createKeychain, KeychainError, type SecretStore } from '../secrets';
import type { ServiceModule } from '../service-module';
import { openStore, StoreError, type Store } from '../store';
import { createRunbooksModule, type RunbooksDeps } from '../runbooks';
import { createSystemModule } from '../system';
import { createTeamModule, type TeamDeps } from '../team';
import { createTicketsModule, type TicketsDeps } from '../tickets';
import { createUsersModule, type LockoutPolicy, type Sessions } from '../users';
import { VERSION } from '../version';
import { ModuleSet } from './modules';

export interface VigilOptions {
  dataDir: string;
  /** Defaults to the OS keychain under the service 'vigil'. */
  secrets?: SecretStore;
  clock?: Clock;
  log?: Logger;
  idleTimeoutMs?: number;
  /** How long a session lasts from sign-in, however active (default 12 hours). */
  sessionLifetimeMs?: number;
  lockout?: LockoutPolicy;
  /** The better-sqlite3 build for Electron's ABI (TOOLCHAIN.md); Node's own build otherwise. */
  nativeBinding?: string;
  /**
   * The embedded sandbox EHR on 127.0.0.1, with a "Sandbox EHR" connection to
   * it on a first start (default true; tests that need no EHR pass false).
   */
  sandbox?: boolean | SandboxOptions;
  /** Monitor tuning for tests and benches; the defaults suit a workstation. */
  monitor?: Partial<Pick<MonitorDeps, 'timers' | 'random' | 'concurrency' | 'storage' | 'workstation' | 'observe'>>;
  /** DNS for every outbound request; tests answer from a table so that nothing leaves loopback. */
  resolve?: NetworkDeps['resolve'];
  /** The SLA scheduler's timers and the first policy's time zone, for tests. */
  tickets?: Partial<Pick<TicketsDeps, 'timers' | 'timeZone'>>;
  /** The zone KPI hours and days are cut in (tests); this machine's by default. */
  kpi?: Pick<KpiDeps, 'timeZone'>;
  /** Team mode's connection and poll interval, for tests and benches. */
  team?: Partial<Pick<TeamDeps, 'connect' | 'pollMs' | 'listen'>>;
  /** The runbooks' timers and shipped folder, and extra actions, for tests and the bench. */
  runbooks?: Partial<Pick<RunbooksDeps, 'timers' | 'shippedDir' | 'extraActions'>>;
  /** The safety evaluation's timers, for tests. */
  safety?: Partial<Pick<SafetyDeps, 'timers'>>;
  /** Electron's notifications; without it, desktop notices go to the consoles in a browser as notify.desktop events. */
  desktop?: DesktopNotifier;
  /** Modules started after the built-in ones (tests use it to prove the start and close rules). */
  extraModules?: ReadonlyArray<() => ServiceModule<unknown> | Promise<ServiceModule<unknown>>>;
}

export interface Vigil {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** For transports: who is behind a token (for event delivery). */
  readonly sessions: Sessions;
  /** While no account exists: the code first-run setup from another computer needs. */
  setupCode(): string | null;
  readonly dataDir: string;
  readonly store: Store;
  close(): Promise<void>;
}

export async function createVigil(opts: VigilOptions): Promise<Vigil> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger();
  const secrets = opts.secrets ?? createKeychain();
  const store = await openStore({ dataDir: opts.dataDir, secrets, nativeBinding: opts.nativeBinding });
  const { db } = store;
  const { dataDir } = opts;
  const events = new EventBus();
  const startedAt = new Date(clock.now());
  const modules = new ModuleSet();
  // The store is the first thing opened and the last closed.
  modules.add({ name: 'store', handlers: {}, api: store, close: () => store.close() });

  try {
    const audit = modules.add(await createAuditModule({ store, secrets, clock, log, events, dataDir }));
    const { outbound } = modules.add(createNetworkModule({ db, clock, resolve: opts.resolve })).api;
    const users = modules.add(createUsersModule({ db, clock, events, log, version: VERSION, idleTimeoutMs: opts.idleTimeoutMs, sessionLifetimeMs: opts.sessionLifetimeMs, lockout: opts.lockout }));
    const connections = modules.add(
      await createConnectionsModule({ db, secrets, events, clock, log, audit: audit.api.writer, outbound, sandbox: opts.sandbox ?? true }),
    );
    const notify = modules.add(createNotifyModule({ db, secrets, events, clock, log, outbound, desktop: opts.desktop }));
    const monitor = modules.add(
      createMonitorModule({ db, clock, log, events, dataDir, connections: connections.api, notify: notify.api, audit: audit.api.writer, outbound, ...opts.monitor }),
    );
    const kb = modules.add(createKbModule({ db, clock, log, events, monitor: monitor.api }));
    const tickets = modules.add(
      createTicketsModule({ db, clock, log, events, secrets, audit: audit.api.writer, notify: notify.api, monitor: monitor.api, connections: connections.api, users: users.api, kb: kb.api, ...opts.tickets }),
    );
    const kpi = modules.add(createKpiModule({ db, clock, log, events, tickets: tickets.api, monitor: monitor.api, timeZone: opts.kpi?.timeZone }));
    modules.add(await createTeamModule({ db, clock, log, events, secrets, outbound, tickets: tickets.api, users: users.api, monitor: monitor.api, audit: audit.api, ...opts.team }));
    const safety = modules.add(createSafetyModule({ db, storePath: store.path, clock, log, events, audit: audit.api, monitor: monitor.api, notify: notify.api, tickets: tickets.api, users: users.api, timers: opts.safety?.timers }));
    modules.add(createDisplaysModule({ db, clock, events, log, sessions: users.api.sessions, monitor: monitor.api }));
    modules.add(createRunbooksModule({ db, store, dataDir, clock, log, events, audit: audit.api.writer, verifyAudit: () => audit.api.verify(), exportAudit: (range) => audit.api.exportRange(range), auditTally: (from) => audit.api.tally(from), connections: connections.api, monitor: monitor.api, notify: notify.api, tickets: tickets.api, safety: safety.api, kpi: kpi.api, outbound, ...opts.runbooks }));
    modules.add(createSystemModule({ version: VERSION, dataDir, startedAt, store, secrets, auditEntries: () => audit.api.count() }));
    for (const start of opts.extraModules ?? []) modules.add(await start());

    const dispatch = createDispatcher({
      handlers: modules.handlers(),
      sessions: users.api.sessions,
      audit: audit.api.sink,
      log,
      isUnavailable: (err) => err instanceof StoreError || err instanceof KeychainError,
    });
    return { dispatch, events, sessions: users.api.sessions, setupCode: users.api.setupCode, dataDir, store, close: () => modules.close() };
  } catch (err) {
    // What started is stopped, last first, the store included; the start's own error is the one reported.
    await modules.close().catch((closeErr: unknown) => log.error('closing after a failed start failed too', { error: closeErr }));
    throw err;
  }
}

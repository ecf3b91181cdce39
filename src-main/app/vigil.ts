/**
 * The composition root: builds every main-process service over one store and
 * joins their handler tables into the one the dispatcher serves. Electron's
 * main and the browser host both start Vigil through createVigil, so they run
 * exactly the same code.
 */
import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log';
import { auditHandlers } from '../audit/handlers';
import { systemClock, type Clock } from '../clock';
import { startConnections } from '../connections/connections';
import { createDispatcher, type Dispatch } from '../dispatch/dispatcher';
import type { HandlerTable } from '../dispatch/handler';
import { EventBus } from '../events';
import { createLogger, type Logger } from '../log';
import { monitorHandlers } from '../monitor/service/handlers';
import { Monitor, type MonitorDeps } from '../monitor/service/monitor-service';
import { startNotify } from '../notify/notify-service';
import type { DesktopNotifier } from '../notify/desktop';
import { redactDeep } from '../phi/redact';
import type { SandboxOptions } from '../sandbox/sandbox';
import { createKeychain, KeychainError } from '../secrets/keychain';
import type { SecretStore } from '../secrets/secret-store';
import { openStore, StoreError, type Store } from '../store/store';
import { systemHandlers } from '../system/handlers';
import { userHandlers } from '../users/handlers';
import { Sessions } from '../users/sessions';
import { UsersService, type LockoutPolicy } from '../users/users-service';
import { VERSION } from '../version';

export interface VigilOptions {
  dataDir: string;
  /** Defaults to the OS keychain under the service 'vigil'. */
  secrets?: SecretStore;
  clock?: Clock;
  log?: Logger;
  idleTimeoutMs?: number;
  lockout?: LockoutPolicy;
  /** The better-sqlite3 build for Electron's ABI (TOOLCHAIN.md); Node's own build otherwise. */
  nativeBinding?: string;
  /**
   * The embedded sandbox EHR on 127.0.0.1, with a "Sandbox EHR" connection to
   * it on a first start (default true; tests that need no EHR pass false).
   */
  sandbox?: boolean | SandboxOptions;
  /** Monitor tuning for tests and benches; the defaults suit a workstation. */
  monitor?: Pick<MonitorDeps, 'timers' | 'random' | 'concurrency' | 'storage' | 'workstation' | 'observe'>;
  /** Electron's notifications; without it, desktop notices go to the consoles in a browser as notify.desktop events. */
  desktop?: DesktopNotifier;
}

export interface Vigil {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** For transports: who is behind a token (for event delivery). */
  readonly sessions: Sessions;
  readonly dataDir: string;
  readonly store: Store;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 5_000;

export async function createVigil(opts: VigilOptions): Promise<Vigil> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger();
  const secrets = opts.secrets ?? createKeychain();
  const store = await openStore({ dataDir: opts.dataDir, secrets, nativeBinding: opts.nativeBinding });
  const events = new EventBus();
  const startedAt = new Date(clock.now());

  const audit = new AuditLog(store.db, {
    clock,
    redact: redactDeep,
    onAppend: (lastSeq) => events.emit('audit.appended', { lastSeq }),
  });
  const sessions = new Sessions({
    clock,
    idleTimeoutMs: opts.idleTimeoutMs,
    onEnded: (token, reason) => events.emit('session.ended', { reason }, token),
  });
  const users = new UsersService(store.db, { clock, lockout: opts.lockout });
  const connections = await startConnections({ db: store.db, secrets, events, clock, log, sandbox: opts.sandbox ?? true }).catch(
    (err: unknown) => {
      store.close();
      throw err;
    },
  );

  const notify = startNotify({ db: store.db, secrets, events, clock, log, desktop: opts.desktop });
  const monitor = new Monitor({
    db: store.db,
    clock,
    log,
    events,
    dataDir: opts.dataDir,
    connections,
    route: (notification, target) => notify.route(notification, target),
    ...opts.monitor,
  });

  const handlers: HandlerTable = {
    ...userHandlers({ users, sessions, events, version: VERSION }),
    ...auditHandlers({ audit, exportDir: join(opts.dataDir, 'exports'), clock }),
    ...connections.handlers,
    ...monitorHandlers(monitor, clock),
    ...notify.handlers,
    ...systemHandlers({
      version: VERSION,
      dataDir: opts.dataDir,
      startedAt,
      databaseBytes: () => store.sizeBytes(),
      schemaVersion: () => store.schemaVersion(),
      auditEntries: () => audit.count(),
      keychain: async () => {
        await secrets.list();
        return `Unlocked and answering; Vigil's secrets are under "${secrets.service}"`;
      },
    }),
  };

  const dispatch = createDispatcher({
    handlers,
    sessions,
    audit,
    log,
    isUnavailable: (err) => err instanceof StoreError || err instanceof KeychainError,
  });

  const sweep = setInterval(() => sessions.sweep(), SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    dispatch,
    events,
    sessions,
    dataDir: opts.dataDir,
    store,
    close: async () => {
      clearInterval(sweep);
      // Probes first, so no new alert reaches a closed notifier; then what is queued is delivered or logged as failed.
      await monitor.close();
      await notify.close();
      await connections.close();
      store.close();
    },
  };
}

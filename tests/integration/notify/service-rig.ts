/**
 * The notify service as the app runs it, for the tests that drive its
 * channels: a real encrypted store in a temp folder, the real keychain under
 * a throwaway service (useTestKeychain), the real dispatcher with its audit
 * log, and an admin session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditModule } from '../../../src-main/audit';
import { systemClock } from '../../../src-main/clock';
import { createDispatcher } from '../../../src-main/dispatch/dispatcher';
import { LOCAL_SOURCE, type HandlerTable } from '../../../src-main/dispatch/handler';
import { EventBus, type PushedEvent } from '../../../src-main/events';
import { createNotifyModule, type NotifyApi, type NotifyDeps } from '../../../src-main/notify';
import type { ServiceModule } from '../../../src-main/service-module';
import { KeychainError } from '../../../src-main/secrets/keychain';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { openStore, StoreError, type Store } from '../../../src-main/store/store';
import { Sessions } from '../../../src-main/users/sessions';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src-shared/contract';
import type { Envelope } from '../../../src-shared/errors';
import { rawLog } from '../connections/harness';
import { OutboundGuard } from '../../../src-main/net';

/** Retries a few milliseconds apart, so a dead receiver fails a test in well under a second. */
export const QUICK_DELIVERY: NotifyDeps['delivery'] = { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, attemptTimeoutMs: 2_000 };

export interface TempStore {
  store: Store;
  dataDir: string;
  close(): void;
}

/** A fresh data folder with the app's migrations applied, removed again on close. */
export async function tempStore(secrets: SecretStore): Promise<TempStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-notify-test-'));
  const store = await openStore({ dataDir, secrets });
  return {
    store,
    dataDir,
    close: () => {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface NotifyRig {
  notify: ServiceModule<NotifyApi>;
  store: Store;
  /** Every event the service pushed. */
  events: PushedEvent[];
  log: ReturnType<typeof rawLog>;
  /** Every reply, as JSON, to look for leaks in. */
  replies: string[];
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

export async function startNotifyRig(secrets: SecretStore, extra: Pick<NotifyDeps, 'desktop'> = {}): Promise<NotifyRig> {
  const temp = await tempStore(secrets);
  const log = rawLog();
  const bus = new EventBus();
  const events: PushedEvent[] = [];
  bus.subscribe((e) => void events.push(e));
  const notify = createNotifyModule({ db: temp.store.db, secrets, events: bus, clock: systemClock, log, outbound: new OutboundGuard(), delivery: QUICK_DELIVERY, ...extra });
  const audit = await createAuditModule({ store: temp.store, secrets, clock: systemClock, log, events: bus, dataDir: temp.dataDir });
  const sessions = new Sessions({ clock: systemClock });
  const token = sessions.start({ id: 1, username: 'admin', role: 'admin' });
  const dispatch = createDispatcher({
    // Only the notify channels are called here.
    handlers: notify.handlers as HandlerTable,
    sessions,
    audit: audit.api.sink,
    log,
    isUnavailable: (err) => err instanceof StoreError || err instanceof KeychainError,
  });
  const replies: string[] = [];

  const call = (async (channel: ChannelName, input: unknown) => {
    const reply = await dispatch(channel, input, { token, source: LOCAL_SOURCE });
    replies.push(JSON.stringify(reply));
    return reply;
  }) as NotifyRig['call'];

  return {
    notify,
    store: temp.store,
    events,
    log,
    replies,
    call,
    ok: async (channel, input) => {
      const reply = await call(channel, input);
      if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    },
    close: async () => {
      await notify.close();
      await audit.close();
      temp.close();
    },
  };
}

/**
 * The notify service: channels in the store, their secrets in the keychain,
 * a notifier delivering in the background, and the routers other services
 * hand their alert notifications and other notices to.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { OutboundGuard } from '../net';
import type { SecretStore } from '../secrets';
import type { ServiceModule } from '../service-module';
import { createAlertRouter, type RouteAlert } from './alert-router';
import { browserDesktop } from './browser-desktop';
import { ChannelAdmin } from './channel-admin';
import { ChannelRepo } from './channel-repo';
import { DeliveryStore } from './delivery-store';
import type { DeliveryResult } from './delivery-log';
import type { DesktopNotifier } from './desktop';
import { notifyHandlers } from './handlers';
import { createNotifier, type NotifierDeps } from './notifier';
import { createNoticeRouter, type SendNotice } from './service-notice';

export type { AlertNotification, NotificationKind } from './alert-notification';
export { DesktopUnavailableError, type DesktopNotifier } from './desktop';
export type { NoticeTarget } from './from-alert';
export type { ServiceNotice } from './service-notice';

export interface NotifyDeps {
  db: Database.Database;
  secrets: SecretStore;
  events: EventBus;
  clock: Clock;
  log: Logger;
  /** Electron's notifications; without it, desktop notices go to the consoles in a browser. */
  desktop?: DesktopNotifier;
  /** The outbound rules (the network service's guard). */
  outbound: OutboundGuard;
  /** How hard and how long deliveries are tried; the notifier's defaults otherwise (tests shorten them). */
  delivery?: Pick<NotifierDeps, 'retry' | 'attemptTimeoutMs' | 'sleep' | 'random'>;
}

/** A notification channel as a health check sees it: no address or secret, only whether it delivers. */
export interface RouteHealth {
  name: string;
  kind: string;
  enabled: boolean;
  /** unknown until its first delivery; failing while its last attempt failed. */
  status: 'unknown' | 'ok' | 'failing';
}

export interface NotifyApi {
  /** Returns at once and never throws; delivery happens on each channel's queue. */
  route: RouteAlert;
  /** The same for what is not an alert (a ticket's SLA), routed by its severity and escalation level. */
  notice: SendNotice;
  /** Every channel and whether it delivers (the safety score's breach-detection evidence). */
  routes(): RouteHealth[];
  /** Sends a test notice through every enabled channel, one after another, as notify.channels.test does for one (a runbook step). */
  testChannels(): Promise<ChannelTest[]>;
}

/** One channel's test: its name and kind, and how the delivery went. */
export interface ChannelTest extends DeliveryResult {
  name: string;
  kind: string;
}

export function createNotifyModule(deps: NotifyDeps): ServiceModule<NotifyApi> {
  const { clock, log } = deps;
  const repo = new ChannelRepo(deps.db, log);
  const deliveries = new DeliveryStore(deps.db);
  const notifier = createNotifier({
    ...deps.delivery,
    channels: repo,
    secrets: deps.secrets,
    deliveryLog: deliveries,
    log,
    clock,
    desktop: deps.desktop ?? browserDesktop(deps.events),
    outbound: deps.outbound,
  });
  const admin = new ChannelAdmin({ repo, secrets: deps.secrets, health: (id) => notifier.health(id), clock, log, outbound: deps.outbound });

  return {
    name: 'notify',
    handlers: notifyHandlers({ admin, deliveries, notifier }),
    api: {
      route: createAlertRouter({ channels: repo, notifier, log }),
      notice: createNoticeRouter({ channels: repo, notifier, log }),
      routes: () => repo.list().map((c) => ({ name: c.name, kind: c.kind, enabled: c.enabled, status: notifier.health(c.id).status })),
      testChannels: async () => {
        const tests: ChannelTest[] = [];
        for (const c of repo.list().filter((c) => c.enabled)) tests.push({ name: c.name, kind: c.kind, ...(await notifier.sendTest(c.id)) });
        return tests;
      },
    },
    // Stops the queues; what was still waiting is logged as failed.
    close: () => notifier.close(),
  };
}

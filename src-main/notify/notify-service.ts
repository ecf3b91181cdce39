/**
 * The notify service as the composition root sees it: channels in the
 * store, their secrets in the keychain, a notifier delivering in the
 * background, a router the monitor hands its notifications to, and one
 * handler table for the channels it owns.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import type { HandlerTable } from '../dispatch/handler';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets/secret-store';
import { createAlertRouter, type RouteAlert } from './alert-router';
import { browserDesktop } from './browser-desktop';
import { ChannelAdmin } from './channel-admin';
import { ChannelRepo } from './channel-repo';
import { DeliveryStore } from './delivery-store';
import type { DesktopNotifier } from './desktop';
import { notifyHandlers, type NotifyChannels } from './handlers';
import { createNotifier, type NotifierDeps } from './notifier';

export interface NotifyDeps {
  db: Database.Database;
  secrets: SecretStore;
  events: EventBus;
  clock: Clock;
  log: Logger;
  /** Electron's notifications; without it, desktop notices go to the consoles in a browser. */
  desktop?: DesktopNotifier;
  /** How hard and how long deliveries are tried; the notifier's defaults otherwise (tests shorten them). */
  delivery?: Pick<NotifierDeps, 'retry' | 'attemptTimeoutMs' | 'sleep' | 'random'>;
}

export interface NotifyService {
  handlers: HandlerTable<NotifyChannels>;
  /** For the monitor: returns at once and never throws; delivery happens on each channel's queue. */
  route: RouteAlert;
  /** Stops the queues; what was still waiting is logged as failed. */
  close(): Promise<void>;
}

export function startNotify(deps: NotifyDeps): NotifyService {
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
  });
  const admin = new ChannelAdmin({ repo, secrets: deps.secrets, health: (id) => notifier.health(id), clock, log });

  return {
    handlers: notifyHandlers({ admin, deliveries, notifier }),
    route: createAlertRouter({ channels: repo, notifier, log }),
    close: () => notifier.close(),
  };
}

/**
 * The notify service: alert rules enqueue a notice for a channel and move
 * on; each channel's queue delivers it in the background. Channel settings
 * and secrets are read at each try, so an admin who fixes a channel in
 * Settings fixes the retries already under way.
 */
import { setTimeout as wait } from 'node:timers/promises';
import { Agent } from 'undici';
import { systemClock, type Clock } from '../clock';
import type { OutboundGuard, RetryPolicy } from '../net';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import { HealthTracker, type ChannelHealth } from './channel-health';
import { ChannelQueue, type Sleep } from './channel-queue';
import { readChannelSecret, type ChannelDirectory } from './channels';
import type { DeliveryLog, DeliveryResult } from './delivery-log';
import type { DesktopNotifier } from './desktop';
import { prepareNotice, testNotice, type AlertNotice, type Notice } from './notice';
import { permanent, retryable, type SendOutcome } from './send-outcome';
import { sendVia } from './senders';

export interface NotifierDeps {
  channels: ChannelDirectory;
  secrets: SecretStore;
  deliveryLog: DeliveryLog;
  log: Logger;
  /** Absent where there is no desktop to show on; desktop channels then fail plainly. */
  desktop?: DesktopNotifier;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  attemptTimeoutMs?: number;
  maxQueuedPerChannel?: number;
  /** The outbound rules every delivery goes through. */
  outbound: OutboundGuard;
}

export interface Notifier {
  /** Returns at once; delivery, retries and logging happen on the channel's queue. */
  enqueue(channelId: string, notice: AlertNotice): void;
  /** A clearly labelled test through the real path; resolves when it is delivered or has failed. */
  sendTest(channelId: string): Promise<DeliveryResult>;
  health(channelId: string): ChannelHealth;
  /** Resolves when every queue is empty, e.g. before quitting. */
  idle(): Promise<void>;
  /** Cancels tries and waits in progress; what is left is logged as failed. */
  close(): Promise<void>;
}

/**
 * Five tries, the waits between them jittered up to 2, 4, 8 and 16 s: long
 * enough to ride out a receiver's restart, short enough that a dead channel
 * shows as failing while the alert is still fresh. A Retry-After of up to
 * five minutes is waited out.
 */
export const DEFAULT_NOTIFY_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000, maxRetryAfterMs: 5 * 60_000 };
const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_QUEUED = 500;
// Receivers answer "ok" or a short JSON; only an error snippet is ever read from the body.
const MAX_RESPONSE_BYTES = 64 * 1024;

const defaultSleep: Sleep = (ms, signal) => wait(ms, undefined, { signal });

export function createNotifier(deps: NotifierDeps): Notifier {
  const clock = deps.clock ?? systemClock;
  const timeoutMs = deps.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const policy = { ...DEFAULT_NOTIFY_RETRY, ...deps.retry };
  const agent = new Agent({ connect: { timeout: timeoutMs, lookup: deps.outbound.lookup }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, maxResponseSize: MAX_RESPONSE_BYTES });
  const http = agent.compose(deps.outbound.interceptor);
  const queues = new Map<string, ChannelQueue>();
  let closed = false;

  async function attempt(channelId: string, notice: Notice, deliveryId: string, stop: AbortSignal): Promise<SendOutcome> {
    const channel = deps.channels.get(channelId);
    if (!channel) return permanent('no such notification channel');
    let secret: string | null;
    try {
      secret = await readChannelSecret(deps.secrets, channel);
    } catch (err) {
      // A locked or restarting keyring comes back; the next try may find it open.
      return retryable(`the keychain could not be read (${(err as Error).message})`);
    }
    const signal = AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]);
    return sendVia(channel, notice, { secret, signal, timeoutMs, deliveryId, now: clock.now(), http, outbound: deps.outbound, desktop: deps.desktop });
  }

  function queueFor(channelId: string): ChannelQueue {
    let q = queues.get(channelId);
    if (!q) {
      q = new ChannelQueue({
        channelId,
        attempt: (notice, deliveryId, stop) => attempt(channelId, notice, deliveryId, stop),
        record: (entry) => deps.deliveryLog.record(entry),
        log: deps.log,
        clock,
        sleep: deps.sleep ?? defaultSleep,
        random: deps.random ?? Math.random,
        policy,
        maxQueued: deps.maxQueuedPerChannel ?? DEFAULT_MAX_QUEUED,
      });
      queues.set(channelId, q);
      if (closed) void q.close();
    }
    return q;
  }

  function deliver(channelId: string, notice: Notice): Promise<DeliveryResult> {
    return new Promise((resolve) => queueFor(channelId).push(notice, resolve));
  }

  return {
    enqueue(channelId, notice) {
      queueFor(channelId).push(prepareNotice(notice));
    },

    async sendTest(channelId) {
      const channel = deps.channels.get(channelId);
      const notice = testNotice(channel?.name ?? channelId, clock.now());
      const sent = await deliver(channelId, notice);
      if (channel?.kind !== 'pagerduty' || sent.outcome !== 'delivered') return sent;
      // A test must not leave an incident open on someone's on-call service.
      return deliver(channelId, { ...notice, event: 'resolved', resolvedAt: clock.now() });
    },

    health(channelId) {
      return queues.get(channelId)?.healthSnapshot() ?? new HealthTracker(channelId).snapshot(0);
    },

    async idle() {
      await Promise.all([...queues.values()].map((q) => q.whenIdle()));
    },

    async close() {
      closed = true;
      await Promise.all([...queues.values()].map((q) => q.close()));
      await agent.destroy();
    },
  };
}

/**
 * One channel's outbox. Notifications go out one at a time and in order, so
 * PagerDuty never sees a resolve before its trigger; a channel that is slow
 * or down delays only itself, and whoever enqueues never waits. Each failed
 * try is retried with exponential backoff and full jitter (Retry-After
 * honoured) until the policy's attempts are spent, and every try is written
 * to the delivery log.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { backoffMs, type RetryPolicy } from '../net';
import type { Logger } from '../log';
import { HealthTracker, type ChannelHealth } from './channel-health';
import type { DeliveryAttempt, DeliveryResult } from './delivery-log';
import type { Notice } from './notice';
import { permanent, type SendOutcome } from './send-outcome';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface ChannelQueueDeps {
  channelId: string;
  /** One try: find the channel, read its secret, send. Expected failures resolve as outcomes. */
  attempt(notice: Notice, deliveryId: string, stop: AbortSignal): Promise<SendOutcome>;
  record(entry: DeliveryAttempt): void;
  log: Logger;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  policy: RetryPolicy;
  /** Beyond this many waiting, the oldest is dropped: a dead channel must not grow without bound. */
  maxQueued: number;
}

interface Job {
  id: string;
  notice: Notice;
  settle?: (result: DeliveryResult) => void;
}

export class ChannelQueue {
  private readonly waiting: Job[] = [];
  private current: Job | undefined;
  private working = false;
  private idleWaiters: Array<() => void> = [];
  private readonly stop = new AbortController();
  private readonly health: HealthTracker;

  constructor(private readonly deps: ChannelQueueDeps) {
    this.health = new HealthTracker(deps.channelId);
  }

  /** Queues and returns at once; `settle` hears how it ended. */
  push(notice: Notice, settle?: (result: DeliveryResult) => void): void {
    const job: Job = { id: randomUUID(), notice, settle };
    if (this.stop.signal.aborted) {
      this.drop(job, 'the notifier has stopped');
      return;
    }
    this.waiting.push(job);
    if (this.waiting.length > this.deps.maxQueued) {
      this.drop(this.waiting.shift() as Job, `dropped: more than ${this.deps.maxQueued} notifications were waiting for this channel`);
    }
    if (!this.working) {
      this.working = true;
      void this.work();
    }
  }

  healthSnapshot(): ChannelHealth {
    return this.health.snapshot(this.waiting.length + (this.current ? 1 : 0));
  }

  whenIdle(): Promise<void> {
    return this.working ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** Ends the current try and any wait; what is still queued is logged as failed. */
  close(): Promise<void> {
    this.stop.abort();
    return this.whenIdle();
  }

  private async work(): Promise<void> {
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
      if (this.stop.signal.aborted) {
        this.drop(job, 'the notifier stopped before sending it');
        continue;
      }
      this.current = job;
      const result = await this.deliver(job);
      this.current = undefined;
      job.settle?.(result);
    }
    this.working = false;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async deliver(job: Job): Promise<DeliveryResult> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.deps.attempt(job.notice, job.id, this.stop.signal).catch((err: unknown) => {
        // A throw is a bug the same message would hit again; the queue must go on to the next one regardless.
        this.deps.log.error('notification attempt threw', { channelId: this.deps.channelId, error: err });
        return permanent(`internal error (${(err as Error | undefined)?.name ?? 'unknown'})`);
      });
      const at = this.deps.clock.now();
      if (outcome.ok) {
        this.health.succeeded(at);
        this.write(job, { attempt, at, outcome: 'delivered', status: outcome.status });
        return { outcome: 'delivered', attempts: attempt, ...(outcome.status === undefined ? {} : { status: outcome.status }) };
      }
      this.health.failed(at, outcome.error);
      const next = this.nextWait(outcome, attempt);
      const error = next.reason ? `${outcome.error}; ${next.reason}` : outcome.error;
      this.write(job, { attempt, at, outcome: next.waitMs === undefined ? 'failed' : 'retrying', status: outcome.status, error, retryInMs: next.waitMs });
      if (next.waitMs === undefined) return { outcome: 'failed', attempts: attempt, error, ...(outcome.status === undefined ? {} : { status: outcome.status }) };
      try {
        await this.deps.sleep(next.waitMs, this.stop.signal);
      } catch {
        const stopped = 'the notifier stopped before the next try';
        this.write(job, { attempt, at: this.deps.clock.now(), outcome: 'failed', error: stopped });
        return { outcome: 'failed', attempts: attempt, error: stopped };
      }
    }
  }

  private nextWait(outcome: Extract<SendOutcome, { ok: false }>, attempt: number): { waitMs?: number; reason?: string } {
    const { policy } = this.deps;
    if (this.stop.signal.aborted) return { reason: 'not retried: the notifier stopped' };
    if (!outcome.retryable) return {};
    if (attempt >= policy.maxAttempts) return { reason: `gave up after ${attempt} attempts` };
    const jitter = backoffMs(attempt - 1, policy, this.deps.random);
    if (outcome.retryAfterMs === undefined) return { waitMs: jitter };
    if (outcome.retryAfterMs > policy.maxRetryAfterMs) {
      return { reason: `the receiver asked to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s, more than the ${Math.ceil(policy.maxRetryAfterMs / 1000)} s allowed` };
    }
    return { waitMs: Math.max(outcome.retryAfterMs, jitter) };
  }

  private drop(job: Job, error: string): void {
    this.write(job, { attempt: 0, at: this.deps.clock.now(), outcome: 'failed', error });
    job.settle?.({ outcome: 'failed', attempts: 0, error });
  }

  private write(job: Job, e: Pick<DeliveryAttempt, 'attempt' | 'at' | 'outcome' | 'status' | 'error'> & { retryInMs?: number }): void {
    const { retryInMs, ...rest } = e;
    const entry: DeliveryAttempt = {
      channelId: this.deps.channelId,
      alertId: job.notice.alertId,
      event: job.notice.test ? 'test' : job.notice.event,
      ...rest,
    };
    if (entry.status === undefined) delete entry.status;
    if (entry.error === undefined) delete entry.error;
    const fields = { ...entry, ...(retryInMs === undefined ? {} : { retryInMs }) };
    if (entry.outcome === 'delivered') this.deps.log.info('notification delivered', fields);
    else if (entry.outcome === 'retrying') this.deps.log.warn('notification not delivered yet, will retry', fields);
    else this.deps.log.error('notification failed', fields);
    try {
      this.deps.record(entry);
    } catch (err) {
      // The delivery log is bookkeeping; losing an entry must not stop the next notification.
      this.deps.log.error('could not write the delivery log', { channelId: entry.channelId, error: err });
    }
  }
}

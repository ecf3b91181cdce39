/** The delivery log: one entry per attempt, written through a sink the store will implement. */
import type { NoticeEvent } from './notice';

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed';

export interface DeliveryAttempt {
  channelId: string;
  alertId: string;
  event: NoticeEvent | 'test';
  /** 1 for the first try; 0 for a notification dropped before any try (queue full, notifier stopped). */
  attempt: number;
  at: number;
  outcome: DeliveryOutcome;
  /** HTTP status, or the SMTP reply code. */
  status?: number;
  /** Never holds a secret or a receiver URL. */
  error?: string;
}

export interface DeliveryLog {
  record(entry: DeliveryAttempt): void;
}

/** How one notification ended, for whoever waits on it ("Send test"). */
export interface DeliveryResult {
  outcome: 'delivered' | 'failed';
  attempts: number;
  status?: number;
  error?: string;
}

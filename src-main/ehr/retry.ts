/**
 * When to try an idempotent request again, and how long to wait first:
 * exponential backoff with full jitter, unless the server said how long with
 * Retry-After, which is then honoured as the minimum wait.
 */
import type { FhirError } from './errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails the request instead of parking it. */
  maxRetryAfterMs: number;
}

/**
 * Full jitter: a uniform wait in [0, min(cap, base·2^n)). Spreading the
 * retries of many monitors over the whole window keeps them from hitting a
 * recovering server in lockstep (AWS Architecture Blog, "Exponential Backoff
 * And Jitter", 2015).
 */
export function backoffMs(retryNumber: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryNumber);
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from `nowMs`. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The wait before retry number `retryNumber` (0 for the first retry), or
 * undefined when the error is not worth retrying, the attempts are spent, or
 * the server asked for a longer pause than the policy allows.
 */
export function retryDelayMs(err: FhirError, retryNumber: number, policy: RetryPolicy, random: () => number): number | undefined {
  if (!err.transient || retryNumber + 1 >= policy.maxAttempts) return undefined;
  const jitter = backoffMs(retryNumber, policy, random);
  if (err.retryAfterMs === undefined) return jitter;
  if (err.retryAfterMs > policy.maxRetryAfterMs) return undefined;
  return Math.max(err.retryAfterMs, jitter);
}

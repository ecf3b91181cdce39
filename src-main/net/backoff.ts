/**
 * How long to wait before trying a request again: exponential backoff with
 * full jitter, and the server's own Retry-After. Shared by every service that
 * calls out (the EHR client, notification deliveries, runbook HTTP checks).
 */
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


/**
 * When to try an idempotent EHR request again, and how long to wait first:
 * exponential backoff with full jitter (net/backoff), unless the server said
 * how long with Retry-After, which is then honoured as the minimum wait.
 */
import { backoffMs, type RetryPolicy } from '../net';
import type { FhirError } from './errors';

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

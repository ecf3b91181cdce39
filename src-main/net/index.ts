/** Plumbing every service that calls out shares: backoff and Retry-After, response headers. */
export { backoffMs, parseRetryAfter, type RetryPolicy } from './backoff';
export { header, type HeaderMap } from './headers';
export { bareHost, OutboundGuard, OutboundRefusedError, refusalFor, type LookupFunction } from './outbound';

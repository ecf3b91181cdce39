/**
 * Keeps one access token until shortly before it expires. Callers that need a
 * token while one is being fetched share that fetch; a token the FHIR server
 * refused is dropped so the next caller fetches a fresh one.
 */
import type { Clock } from '../../clock';
import type { TokenResponse } from './token-request';

export interface CachedToken {
  value: string;
  /** Epoch ms. */
  expiresAt: number;
  scope?: string;
  fromCache: boolean;
}

/** SMART tokens without expires_in are treated as five-minute tokens, the lifetime SMART recommends. */
const DEFAULT_LIFETIME_S = 300;

export class TokenCache {
  private current: CachedToken | undefined;
  private refreshAt = 0;
  private inflight: Promise<CachedToken> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<TokenResponse>,
    private readonly clock: Clock,
    private readonly skewMs: number,
  ) {}

  get(): Promise<CachedToken> {
    if (this.current && this.clock.now() < this.refreshAt) return Promise.resolve({ ...this.current, fromCache: true });
    this.inflight ??= this.fetchToken()
      .then((t) => {
        const now = this.clock.now();
        const lifetimeMs = (t.expiresIn ?? DEFAULT_LIFETIME_S) * 1000;
        // Refresh a skew ahead of expiry, but never sooner than half-way
        // through a short-lived token, or every call would fetch a new one.
        this.refreshAt = now + lifetimeMs - Math.min(this.skewMs, lifetimeMs / 2);
        this.current = { value: t.accessToken, expiresAt: now + lifetimeMs, scope: t.scope, fromCache: false };
        return this.current;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  /** Forget `value` if it is still the cached token (another caller may have replaced it already). */
  invalidate(value: string): void {
    if (this.current?.value === value) this.current = undefined;
  }
}

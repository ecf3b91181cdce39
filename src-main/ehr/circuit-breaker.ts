/**
 * A circuit breaker per base URL. Closed: calls flow and consecutive
 * infrastructure failures are counted. Open (after `failureThreshold` of
 * them): calls are refused at once for `openMs`, so a dead endpoint costs no
 * timeouts and traffic can fail over. Half-open: one probe call is let
 * through; its success closes the circuit, its failure opens it again.
 */
import type { Clock } from '../clock';
import type { FhirError, FhirErrorKind } from './errors';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerPolicy {
  failureThreshold: number;
  openMs: number;
}

export interface BreakerSnapshot {
  baseUrl: string;
  state: BreakerState;
  consecutiveFailures: number;
  /** ISO time the circuit last opened. */
  openedAt: string | null;
  lastFailure: { kind: FhirErrorKind; message: string } | null;
}

/** Failures that say the endpoint itself is unwell; 4xx answers and 429s do not. */
const COUNTED: ReadonlySet<FhirErrorKind> = new Set(['NETWORK', 'TIMEOUT', 'TLS', 'SERVER']);

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private last: FhirError | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly policy: BreakerPolicy,
    private readonly clock: Clock,
    private readonly onChange: (from: BreakerState, to: BreakerState, breaker: CircuitBreaker) => void,
  ) {}

  get state(): BreakerState {
    if (this.current === 'open' && this.openedAt !== null && this.clock.now() - this.openedAt >= this.policy.openMs) {
      this.move('half-open');
    }
    return this.current;
  }

  get lastFailure(): FhirError | null {
    return this.last;
  }

  /** Whether a call may go now; in half-open this claims the single probe. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Any answer from the endpoint that is not an infrastructure failure. */
  recordSuccess(): void {
    this.failures = 0;
    this.probing = false;
    if (this.current !== 'closed') this.move('closed');
  }

  record(err: FhirError): void {
    if (!COUNTED.has(err.kind)) return this.recordSuccess();
    this.last = err;
    this.failures += 1;
    const wasProbe = this.probing;
    this.probing = false;
    if (wasProbe || this.failures >= this.policy.failureThreshold) {
      this.openedAt = this.clock.now();
      if (this.current !== 'open') this.move('open');
    }
  }

  snapshot(): BreakerSnapshot {
    return {
      baseUrl: this.baseUrl,
      state: this.state,
      consecutiveFailures: this.failures,
      openedAt: this.openedAt === null ? null : new Date(this.openedAt).toISOString(),
      lastFailure: this.last ? { kind: this.last.kind, message: this.last.message } : null,
    };
  }

  private move(to: BreakerState): void {
    const from = this.current;
    this.current = to;
    this.onChange(from, to, this);
  }
}

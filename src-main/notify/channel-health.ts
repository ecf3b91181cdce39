/** A channel's recent record, so Settings can show one that keeps failing. */

export interface ChannelHealth {
  channelId: string;
  /** "unknown" until the first attempt; "failing" while the last attempt failed. */
  status: 'unknown' | 'ok' | 'failing';
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: string | null;
  /** Failed attempts since the last success, retries included. */
  consecutiveFailures: number;
  /** Notifications waiting or being sent. */
  pending: number;
}

export class HealthTracker {
  private lastSuccessAt: number | null = null;
  private lastFailureAt: number | null = null;
  private lastError: string | null = null;
  private consecutiveFailures = 0;

  constructor(private readonly channelId: string) {}

  succeeded(at: number): void {
    this.lastSuccessAt = at;
    this.consecutiveFailures = 0;
  }

  failed(at: number, error: string): void {
    this.lastFailureAt = at;
    this.lastError = error;
    this.consecutiveFailures++;
  }

  snapshot(pending: number): ChannelHealth {
    const status = this.consecutiveFailures > 0 ? 'failing' : this.lastSuccessAt === null ? 'unknown' : 'ok';
    return {
      channelId: this.channelId,
      status,
      lastSuccessAt: this.lastSuccessAt,
      lastFailureAt: this.lastFailureAt,
      lastError: this.lastError,
      consecutiveFailures: this.consecutiveFailures,
      pending,
    };
  }
}

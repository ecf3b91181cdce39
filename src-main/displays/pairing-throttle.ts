/**
 * Wrong pairing codes, counted per source (this machine, or a remote
 * address): after MAX_FAILURES within WINDOW_MS that source may not try
 * again until the oldest of them is out of the window. With 31^8 codes and
 * a code alive for ten minutes, guessing one is then out of reach.
 */
import type { Clock } from '../clock';
import { sourceKey, type CallSource } from '../dispatch';

const MAX_FAILURES = 10;
const WINDOW_MS = 10 * 60_000;

export class PairingThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** When this source may try again, or null when it may now. */
  retryAt(source: CallSource): number | null {
    const recent = this.recent(sourceKey(source));
    return recent.length >= MAX_FAILURES ? recent[0]! + WINDOW_MS : null;
  }

  fail(source: CallSource): void {
    const key = sourceKey(source);
    this.failures.set(key, [...this.recent(key), this.clock.now()]);
    // Sources that have gone quiet are forgotten, so the map stays as small as the attack.
    for (const other of this.failures.keys()) if (this.recent(other).length === 0) this.failures.delete(other);
  }

  private recent(key: string): number[] {
    const since = this.clock.now() - WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }
}

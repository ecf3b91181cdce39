/**
 * The fault switches at work on each request: the delay before an answer,
 * the answers that replace the real one (429, 500), and the ways the real one
 * can go wrong on the wire (slow body, truncated JSON). Every injected fault is
 * counted, so tests assert on what the server did rather than on the clock.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { mersenne } from 'pure-rand/generator/mersenne';
import { outcome, type SandboxResponse } from './responses';
import type { SandboxFaults } from '../../src-shared/sandbox-state';

export interface SandboxStats {
  requests: number;
  /** Total latency added by the latency switch, in milliseconds. */
  delayedMs: number;
  errors: number;
  rateLimited: number;
  malformed: number;
  slowBodies: number;
}

export class FaultInjector {
  readonly stats: SandboxStats = { requests: 0, delayedMs: 0, errors: 0, rateLimited: 0, malformed: 0, slowBodies: 0 };
  /** Seeded, so which requests fail at a given error rate is the same on every run. */
  private readonly rng: ReturnType<typeof mersenne>;

  /** @param signal aborted when the sandbox closes, ending every pending delay */
  constructor(
    seed: number,
    private readonly signal: AbortSignal,
  ) {
    this.rng = mersenne(seed);
  }

  async delay(faults: SandboxFaults): Promise<void> {
    if (faults.latencyMs <= 0) return;
    await sleep(faults.latencyMs, undefined, { signal: this.signal });
    this.stats.delayedMs += faults.latencyMs;
  }

  /** The answer a fault gives in place of the real one, or null to answer for real. */
  intercept(faults: SandboxFaults): SandboxResponse | null {
    if (faults.rateLimit429.enabled) {
      this.stats.rateLimited++;
      return outcome(429, 'throttled', 'Too many requests (sandbox rate-limit switch).', {
        'retry-after': String(faults.rateLimit429.retryAfterSeconds),
      });
    }
    if (faults.errorRate > 0 && uniformFloat64(this.rng) < faults.errorRate) {
      this.stats.errors++;
      return outcome(500, 'exception', 'Internal server error (sandbox error-rate switch).');
    }
    return null;
  }

  async send(res: ServerResponse, response: SandboxResponse, faults: SandboxFaults): Promise<void> {
    let text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    if (faults.malformedJson && response.status === 200) {
      // Any proper prefix of a JSON object is invalid JSON, so half is always broken.
      text = text.slice(0, Math.floor(text.length / 2));
      this.stats.malformed++;
    }
    const bytes = Buffer.from(text);
    res.writeHead(response.status, {
      ...response.headers,
      'content-type': response.contentType,
      'content-length': String(bytes.length),
    });
    if (faults.slowBodyMs <= 0 || bytes.length < 2) {
      res.end(bytes);
      return;
    }
    const half = Math.floor(bytes.length / 2);
    res.write(bytes.subarray(0, half));
    this.stats.slowBodies++;
    await sleep(faults.slowBodyMs, undefined, { signal: this.signal });
    if (!res.destroyed) res.end(bytes.subarray(half));
  }
}

/** The runs of one target in one bucket, kept whole until the bucket is written. */
import { Histogram } from './histogram';
import { exactPercentiles, type Percentiles } from './percentiles';
import { STATUS_CODES, type ResultRow } from './result-row';

export interface RollupStats extends Percentiles {
  runs: number;
  failures: number;
}

export class Tally {
  runs = 0;
  failures = 0;
  private readonly latencies: number[] = [];
  private sorted = true;

  add(row: Pick<ResultRow, 'status' | 'latencyMs'>): void {
    this.runs++;
    if (row.status === STATUS_CODES.fail) this.failures++;
    if (row.latencyMs !== null) {
      this.sorted &&= this.latencies.length === 0 || this.latencies[this.latencies.length - 1]! <= row.latencyMs;
      this.latencies.push(row.latencyMs);
    }
  }

  addAll(other: Tally): void {
    this.runs += other.runs;
    this.failures += other.failures;
    this.latencies.push(...other.latencies);
    this.sorted = false;
  }

  /** Percentiles from every latency in the bucket, exactly. */
  stats(): RollupStats {
    return { runs: this.runs, failures: this.failures, ...exactPercentiles(this.sortedLatencies()) };
  }

  histogram(): Histogram {
    const h = new Histogram();
    for (const ms of this.latencies) h.add(ms);
    return h;
  }

  private sortedLatencies(): number[] {
    if (!this.sorted) {
      this.latencies.sort((a, b) => a - b);
      this.sorted = true;
    }
    return this.latencies;
  }
}

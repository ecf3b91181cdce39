/** One measured figure; every suite prints these, one JSON object per line. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The figure it is compared with, measured in the same run. */
  baseline?: number;
  ratio?: number;
}

export type BenchSuite = (opts: { quick: boolean }) => Promise<BenchResult[]>;

// The package (1.1.1) ships no types. Only what metrics-exposition.ts relies
// on is declared: it is fed one sample line at a time, so every family comes
// back UNTYPED with plain value/labels/timestamp samples.
declare module 'parse-prometheus-text-format' {
  export interface PrometheusSample {
    value?: string;
    labels?: Record<string, string>;
    timestamp_ms?: string;
  }

  export interface PrometheusFamily {
    name: string;
    help: string;
    type: string;
    metrics: PrometheusSample[];
  }

  /** Throws InvalidLineError on some malformed lines; see metrics-exposition.ts. */
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}

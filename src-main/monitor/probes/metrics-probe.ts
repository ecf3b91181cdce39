/**
 * The metrics probe: scrape the medical AI service's /metrics and keep the
 * handful of series an operator cares about (model accuracy, live clinical
 * sessions, p95 latency...), each checked against its thresholds.
 */
import { readExposition, type Sample } from './metrics-exposition';
import { scrape, type ScrapeOptions } from './metrics-scrape';
import { checkThreshold, type Breach, type Threshold } from './metrics-thresholds';

export interface MetricSelector {
  /** Metric name as exposed, e.g. `http_request_duration_seconds` for a summary's quantiles. */
  name: string;
  /** Labels that must match exactly, e.g. `{ quantile: '0.95' }`. Other labels may be anything. */
  labels?: Record<string, string>;
  threshold?: Threshold;
  /**
   * How several matching series (one per pod, per model...) become one value:
   * "worst" (default) takes the one nearest trouble — the highest, or the
   * lowest for a "below" threshold — and "sum" adds them, for counts.
   */
  combine?: 'worst' | 'sum';
}

export interface MetricsProbeConfig {
  url: string;
  selectors: MetricSelector[];
  timeoutMs?: number;
  maxBytes?: number;
}

export interface MetricsProbeResult {
  /** By selector key (see selectorKey); NaN series are left out. */
  values: Record<string, number>;
  /** Selector keys no series matched: a metric that vanished is news too. */
  missing: string[];
  breaches: Breach[];
  malformedLines: number;
  malformedLineNumbers: number[];
  sampleLines: number;
  bytes: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
}

/** The selector in PromQL's notation with labels sorted, e.g. `http_request_duration_seconds{quantile="0.95"}`. */
export function selectorKey(s: MetricSelector): string {
  const labels = Object.entries(s.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return labels.length === 0 ? s.name : `${s.name}{${labels.map(([k, v]) => `${k}=${quote(v)}`).join(',')}}`;
}

function matches(sample: Sample, s: MetricSelector): boolean {
  return sample.name === s.name && Object.entries(s.labels ?? {}).every(([k, v]) => sample.labels[k] === v);
}

function combine(values: number[], s: MetricSelector): number {
  if (s.combine === 'sum') return values.reduce((a, b) => a + b, 0);
  const lowest = s.threshold?.direction === 'below';
  return values.reduce((a, b) => (lowest ? Math.min(a, b) : Math.max(a, b)));
}

/**
 * Rejects with a MetricsScrapeError when the endpoint fails, or with the
 * signal's reason when the caller cancels; a malformed line never rejects.
 */
export async function probeMetrics(config: MetricsProbeConfig, opts: Pick<ScrapeOptions, 'signal' | 'dispatcher'> = {}): Promise<MetricsProbeResult> {
  const { signal } = opts;
  const page = await scrape({ url: config.url, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes: config.maxBytes ?? DEFAULT_MAX_BYTES, ...opts });
  const wanted = new Set(config.selectors.map((s) => s.name));
  const exposition = await readExposition(page.text, (name) => wanted.has(name), signal);
  const result: MetricsProbeResult = {
    values: {},
    missing: [],
    breaches: [],
    malformedLines: exposition.malformedLines,
    malformedLineNumbers: exposition.malformedLineNumbers,
    sampleLines: exposition.sampleLines,
    bytes: page.bytes,
  };
  for (const selector of config.selectors) {
    const key = selectorKey(selector);
    // A summary with no observations in its window reports NaN quantiles: no reading, not a breach.
    const found = exposition.samples.filter((x) => matches(x, selector) && !Number.isNaN(x.value)).map((x) => x.value);
    if (found.length === 0) {
      result.missing.push(key);
      continue;
    }
    const value = combine(found, selector);
    result.values[key] = value;
    const breach = selector.threshold ? checkThreshold(key, value, selector.threshold) : null;
    if (breach) result.breaches.push(breach);
  }
  return result;
}

/**
 * Prometheus text exposition (format 0.0.4), read line by line: a malformed
 * line is skipped and counted, never fatal, and the rest of the page still
 * counts.
 *
 * parse-prometheus-text-format parses each sample line, but one line at a
 * time. Given a whole page, version 1.1.1 throws a TypeError on a summary
 * whose _count comes before its quantiles (the shared fixture has one),
 * throws on the first malformed line and loses everything after it, drops the
 * last sample when the page has no final newline, and folds the series of a
 * labelled summary into one quantile map, losing the labels that tell them
 * apart. A single line is an untyped family of one sample, which it parses
 * faithfully, escapes included. What it lets through is checked here: it
 * accepts a value of "abc", a missing value, "#foo 1" as a metric name and
 * "1 2 3" as a value with timestamp "23".
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Samples whose metric name the caller asked to keep. */
  samples: Sample[];
  /** Valid sample lines on the page, kept or not. */
  sampleLines: number;
  malformedLines: number;
  /** 1-based line numbers of the first few malformed lines, for the operator chasing them. */
  malformedLineNumbers: number[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;
const MAX_LINE_NUMBERS = 10;
// Each line costs the library about 8 µs; a large page must not hold the
// main process's event loop for more than a few milliseconds at a time.
const SLICE_MS = 4;
const CHECK_EVERY = 128;

/** Go's ParseFloat spellings that exporters use, which Number() does not accept. */
export function parseSampleValue(text: string): number | null {
  if (DECIMAL.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  return null;
}

/** Value and optional timestamp after the name (and labels): one or two tokens, nothing else. */
function tailIsValid(line: string): boolean {
  const open = line.indexOf('{');
  const tail = open === -1 ? line.replace(/^\S+/, '') : line.slice(line.lastIndexOf('}') + 1);
  const tokens = tail.trim().split(/[ \t]+/).filter(Boolean);
  return tokens.length === 1 || tokens.length === 2;
}

function parseLine(line: string): Sample | null {
  if (!tailIsValid(line)) return null;
  let families;
  try {
    // The trailing newline matters: without it the library drops the sample.
    families = parsePrometheusTextFormat(`${line}\n`);
  } catch {
    return null;
  }
  const family = families[0];
  const raw = family?.metrics[0];
  if (families.length !== 1 || !family || family.metrics.length !== 1 || !raw) return null;
  if (!METRIC_NAME.test(family.name)) return null;
  const labels = raw.labels ?? {};
  if (!Object.keys(labels).every((l) => LABEL_NAME.test(l))) return null;
  if (raw.timestamp_ms !== undefined && !INTEGER.test(raw.timestamp_ms)) return null;
  const value = raw.value === undefined ? null : parseSampleValue(raw.value);
  return value === null ? null : { name: family.name, labels, value };
}

/**
 * Reads a page, keeping the samples whose metric name `keep` accepts. Every
 * line is still checked, so the malformed count describes the whole page.
 * Cancelled through `signal`, it rejects with the signal's reason.
 */
export async function readExposition(text: string, keep: (name: string) => boolean, signal?: AbortSignal): Promise<Exposition> {
  const out: Exposition = { samples: [], sampleLines: 0, malformedLines: 0, malformedLineNumbers: [] };
  const lines = text.split('\n');
  let sliceStart = performance.now();
  for (let i = 0; i < lines.length; i++) {
    if (i % CHECK_EVERY === 0 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const sample = parseLine(line);
    if (!sample) {
      out.malformedLines++;
      if (out.malformedLineNumbers.length < MAX_LINE_NUMBERS) out.malformedLineNumbers.push(i + 1);
      continue;
    }
    out.sampleLines++;
    if (keep(sample.name)) out.samples.push(sample);
  }
  return out;
}

/**
 * What is kept of a final probe run: when, which target, whether it passed,
 * how long it took and, when it failed, which probe or how the run ended.
 * Summaries and messages are left out on purpose: a probe's summary can
 * quote what a server sent back, and that can be PHI.
 */
import { failed, type ProbeId, type ProbeOutcome, type RunError } from '../outcome';

/** As stored: 0 and 1 cost SQLite no bytes, and fail and pass are nearly every row. */
export const STATUS_CODES = { fail: 0, pass: 1, warn: 2 } as const;
export type ResultStatus = keyof typeof STATUS_CODES;
export type StatusCode = (typeof STATUS_CODES)[ResultStatus];

const STATUS_NAMES: Record<StatusCode, ResultStatus> = { 0: 'fail', 1: 'pass', 2: 'warn' };

export function statusName(code: StatusCode): ResultStatus {
  return STATUS_NAMES[code];
}

export interface ResultRow {
  at: number;
  /** The target's id in monitor_targets. */
  target: number;
  status: StatusCode;
  /** Whole milliseconds. */
  latencyMs: number | null;
  /** The required probe that failed, else an optional one that did. */
  failedProbe: ProbeId | null;
  /** Set when the run as a whole did not finish. */
  errorKind: RunError['kind'] | null;
}

export function describeOutcome(outcome: ProbeOutcome): Pick<ResultRow, 'status' | 'latencyMs' | 'failedProbe' | 'errorKind'> {
  const failures = outcome.results.filter((r) => r.status === 'fail');
  const culprit = failures.find((r) => !r.optional) ?? failures[0];
  let status: StatusCode = STATUS_CODES.pass;
  if (failed(outcome)) status = STATUS_CODES.fail;
  // As the state machine sees it: a warning or a failing optional probe degrades, it does not fail.
  else if (culprit || outcome.results.some((r) => r.status === 'warn')) status = STATUS_CODES.warn;
  return {
    status,
    latencyMs: outcome.latencyMs === null ? null : Math.max(0, Math.round(outcome.latencyMs)),
    failedProbe: culprit?.probe ?? null,
    errorKind: outcome.error?.kind ?? null,
  };
}

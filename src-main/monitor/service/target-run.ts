/**
 * What one run of a target found: the outcome the scheduler, state machine
 * and storage work from, and what the board and the alert rules read besides.
 */
import type { ProbeReport, WorkstationReadings } from '../../../src-shared/monitoring';
import type { MetricReading } from '../alert-rules';
import type { ProbeId, ProbeOutcome, ProbeResult } from '../outcome';

export interface TargetRun {
  outcome: ProbeOutcome;
  /** Every probe of the run, as the detail view lists them. */
  lastRun: ProbeReport[];
  certDaysLeft: number | null;
  tokenMinutesLeft: number | null;
  /** For the TLS rules; null when the run saw no certificate. */
  tls: { validTo: number | null; protocol: string | null } | null;
  /** The workstation's CPU, memory and disk percent; null for a connection. */
  workstation: WorkstationReadings | null;
  /** A connection's metric series by name, for the tile. */
  series: Record<string, number>;
  /** Readings with thresholds, for the metric alert rules. */
  metrics: MetricReading[];
}

export function toResult(report: ProbeReport): ProbeResult {
  return { probe: report.probe as ProbeId, status: report.status, optional: report.optional, ms: report.ms, summary: report.summary, error: report.error };
}

export const emptyRun = (outcome: ProbeOutcome): TargetRun => ({
  outcome,
  lastRun: [],
  certDaysLeft: null,
  tokenMinutesLeft: null,
  tls: null,
  workstation: null,
  series: {},
  metrics: [],
});

/** What one run of a target's probes found: the input of the state machine and the alert rules. */
import { CHECK_IDS, type CheckResult } from '../../src-shared/contract';

/** The diagnostics steps, plus the two probes only the monitor runs. */
export const PROBE_IDS = [...CHECK_IDS, 'metrics', 'workstation'] as const;
export type ProbeId = (typeof PROBE_IDS)[number];

export interface ProbeResult extends Pick<CheckResult, 'optional' | 'ms' | 'summary'> {
  probe: ProbeId;
  status: Exclude<CheckResult['status'], 'running'>;
  /** The failure's class and knowledge-base article, when it was classified. */
  error?: { kind: string; kbCode: string } | null;
}

export interface RunError {
  /** timeout: aborted after the plan's timeout; stuck: an earlier aborted run never stopped, so none was started; error: the run threw. */
  kind: 'timeout' | 'stuck' | 'error';
  message: string;
}

export interface ProbeOutcome {
  results: ProbeResult[];
  /** The connection's headline response time, compared with its latency threshold. */
  latencyMs: number | null;
  /** Set when the run as a whole did not finish; then `results` may be partial or empty. */
  error: RunError | null;
}

/** A run fails when it did not finish or a required probe failed: what retries and DOWN are about. */
export function failed(outcome: ProbeOutcome): boolean {
  return outcome.error !== null || outcome.results.some((r) => !r.optional && r.status === 'fail');
}

export function runFailure(kind: RunError['kind'], message: string): ProbeOutcome {
  return { results: [], latencyMs: null, error: { kind, message } };
}

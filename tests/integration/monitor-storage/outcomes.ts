/** Probe outcomes as the scheduler reports them, with the PHI a real summary may quote. */
import type { ProbeId, ProbeOutcome } from '../../../src-main/monitor/outcome';

export const PHI_SUMMARY = 'Patient John Smith, MRN 48213977, SSN 123-45-6789: 500 from Patient?name=smith';

export function passed(latencyMs: number): ProbeOutcome {
  return { results: [{ probe: 'capability', status: 'pass', optional: false, ms: latencyMs, summary: 'CapabilityStatement R4' }], latencyMs, error: null };
}

/** An optional probe failing: a warning, not a failure. */
export function warned(latencyMs: number): ProbeOutcome {
  const out = passed(latencyMs);
  out.results.push({ probe: 'cds', status: 'fail', optional: true, ms: latencyMs, summary: 'CDS Hooks discovery answered 503' });
  return out;
}

export function probeFailed(probe: ProbeId, latencyMs: number): ProbeOutcome {
  const out = passed(latencyMs);
  out.results.push({ probe, status: 'fail', optional: false, ms: latencyMs, summary: PHI_SUMMARY });
  return out;
}

export function timedOut(): ProbeOutcome {
  return { results: [], latencyMs: null, error: { kind: 'timeout', message: `No answer within 10000 ms; ${PHI_SUMMARY}` } };
}

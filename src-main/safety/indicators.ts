/**
 * The six indicators from what the other services know, pure: each a value
 * in 0..1, or no data with the reason, and a line saying how it was reached.
 *
 * - availability: share of final probe runs in the last hour that did not fail;
 * - response-time health: share of those runs within their connection's latency target;
 * - accuracy: the worst model_accuracy_score any connection's AI service reports
 *   now (drift shows at once), with its change over the last hour as the trend;
 * - session risk: clinical sessions at risk over active sessions, from the AI services;
 * - error rate: failed share of the EHR requests the probes made in the last hour;
 * - compliance: the HIPAA score (compliance.ts).
 */
import type { Compliance, IndicatorId } from '../../src-shared/contract';
import type { ConnectionHour } from '../monitor';
import { share } from './score';

export interface Reading {
  value: number | null;
  reason: string | null;
  detail: string;
}

export interface IndicatorInputs {
  connections: readonly ConnectionHour[];
  /** The accuracy readings of the last hour, oldest first (the trend). */
  accuracyHour: readonly number[];
  compliance: Compliance | null;
}

const ACCURACY = 'model_accuracy_score';
const ACTIVE_SESSIONS = 'active_clinical_sessions';
const AT_RISK = 'clinical_sessions_at_risk';

const noData = (reason: string): Reading => ({ value: null, reason, detail: reason });
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** A series by name, with or without labels (`model_accuracy_score{model="x"}`). */
function series(metrics: Record<string, number>, name: string): number[] {
  const found: number[] = [];
  for (const [key, value] of Object.entries(metrics)) {
    if ((key === name || key.startsWith(`${name}{`)) && Number.isFinite(value)) found.push(value);
  }
  return found;
}

/** One tally summed over every connection. */
function total(cs: readonly ConnectionHour[], field: 'runs' | 'failures' | 'timed' | 'withinTarget' | 'requests' | 'failedRequests'): number {
  let n = 0;
  for (const c of cs) n += c[field];
  return n;
}

function availability(cs: readonly ConnectionHour[]): Reading {
  if (cs.length === 0) return noData('No EHR connection is monitored');
  const runs = total(cs, 'runs');
  const ok = runs - total(cs, 'failures');
  const value = share(ok, runs);
  if (value === null) return noData('No probe run finished in the last hour');
  return { value, reason: null, detail: `${count(ok, 'run')} of ${count(runs, 'run')} succeeded over ${count(cs.length, 'connection')} in the last hour` };
}

function responseTime(cs: readonly ConnectionHour[]): Reading {
  if (cs.length === 0) return noData('No EHR connection is monitored');
  const timed = total(cs, 'timed');
  const within = total(cs, 'withinTarget');
  const value = share(within, timed);
  if (value === null) return noData('No successful run with a latency target in the last hour');
  return { value, reason: null, detail: `${count(within, 'run')} of ${count(timed, 'run')} answered within their connection's latency target` };
}

function accuracy(cs: readonly ConnectionHour[], hour: readonly number[]): Reading {
  let worst: { value: number; name: string } | null = null;
  let services = 0;
  for (const c of cs) {
    const values = series(c.metrics, ACCURACY);
    if (values.length === 0) continue;
    services++;
    const low = Math.min(...values);
    if (!worst || low < worst.value) worst = { value: low, name: c.name };
  }
  if (!worst) return noData(`No connection's AI service reports ${ACCURACY}`);
  const value = Math.min(1, Math.max(0, worst.value));
  const first = hour[0];
  const trend = first === undefined ? 'no earlier reading this hour' : `${value >= first ? 'up' : 'down'} ${Math.abs(value - first).toFixed(3)} over the last hour`;
  return { value, reason: null, detail: `Worst of ${count(services, 'AI service')}: ${value.toFixed(3)} on ${worst.name}; ${trend}` };
}

function sessionRisk(cs: readonly ConnectionHour[]): Reading {
  let active = 0;
  let atRisk = 0;
  let services = 0;
  for (const c of cs) {
    const a = series(c.metrics, ACTIVE_SESSIONS);
    const r = series(c.metrics, AT_RISK);
    if (a.length === 0 || r.length === 0) continue;
    services++;
    active += a.reduce((x, y) => x + y, 0);
    atRisk += r.reduce((x, y) => x + y, 0);
  }
  if (services === 0) return noData(`No connection's AI service reports ${ACTIVE_SESSIONS} and ${AT_RISK}`);
  if (active <= 0) return { value: 0, reason: null, detail: 'No clinical session is active' };
  const value = Math.min(1, Math.max(0, atRisk / active));
  return { value, reason: null, detail: `${count(atRisk, 'session')} at risk of ${count(active, 'active session')} (${pct(value)})` };
}

function errorRate(cs: readonly ConnectionHour[]): Reading {
  if (cs.length === 0) return noData('No EHR connection is monitored');
  const requests = total(cs, 'requests');
  const failed = total(cs, 'failedRequests');
  const value = share(failed, requests);
  if (value === null) return noData('No EHR request was made in the last hour');
  return { value, reason: null, detail: `${count(failed, 'request')} of ${count(requests, 'EHR request')} failed in the last hour (${pct(value)})` };
}

function compliance(c: Compliance | null): Reading {
  if (!c) return noData('The first compliance check has not finished');
  const weakest = [...c.parts].sort((a, b) => a.value - b.value)[0];
  return { value: c.score, reason: null, detail: weakest && weakest.value < 1 ? `Weakest part: ${weakest.label} at ${weakest.value.toFixed(2)}` : 'Every part holds' };
}

export function readIndicators(inputs: IndicatorInputs): Record<IndicatorId, Reading> {
  const cs = inputs.connections;
  return {
    system_availability: availability(cs),
    response_time_health: responseTime(cs),
    accuracy_trend: accuracy(cs, inputs.accuracyHour),
    clinical_session_risk: sessionRisk(cs),
    error_rate_health: errorRate(cs),
    compliance_status: compliance(inputs.compliance),
  };
}

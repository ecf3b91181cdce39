/**
 * The system KPIs from the monitor, over the EHR connections (not the
 * workstation): uptime is the mean of the connections' uptimes (each the
 * share of its probe runs that did not fail), so every connection weighs
 * the same whatever its interval; the error rate is the share of all runs
 * that failed; API response time is over every probe latency, merged from
 * the monitor's histograms. Clinical adoption is the medical AI services'
 * active_clinical_sessions now over the licensed clinicians.
 */
import type { ConnectionBreakdownRow } from '../../src-shared/contract';
import type { MonitorApi, RangeRollup } from '../monitor';
import type { Span } from './ranges';

export const ACTIVE_CLINICIANS_SERIES = 'active_clinical_sessions';

export interface SystemFigures {
  uptime: number | null;
  errorRate: number | null;
  apiResponseMean: number | null;
  apiResponseP95: number | null;
  apiResponseP99: number | null;
  /** Per bucket start: uptime and error rate. */
  buckets: Map<number, { uptime: number | null; errorRate: number | null }>;
  connections: ConnectionBreakdownRow[];
}

const upShare = (r: { runs: number; failures: number }) => (r.runs > 0 ? (100 * (r.runs - r.failures)) / r.runs : null);
const failShare = (r: { runs: number; failures: number }) => (r.runs > 0 ? (100 * r.failures) / r.runs : null);
const mean = (values: Array<number | null>) => {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
};

/** Which bucket an hour belongs to: the last bucket start at or before it. */
function bucketOf(buckets: readonly number[], hour: number): number | null {
  let lo = 0;
  let hi = buckets.length - 1;
  if (hi < 0 || hour < buckets[0]!) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (buckets[mid]! <= hour) lo = mid;
    else hi = mid - 1;
  }
  return buckets[lo]!;
}

export function systemFigures(monitor: Pick<MonitorApi, 'board' | 'rollup'>, span: Span, withDetail: boolean): SystemFigures {
  const connections = monitor.board().filter((t) => t.kind === 'connection');
  const all = monitor.rollup(
    connections.map((c) => c.targetId),
    span.from,
    span.to,
  );
  const perConnection: Array<{ id: string; name: string; r: RangeRollup }> = connections.map((c) => ({ id: c.targetId, name: c.name, r: monitor.rollup([c.targetId], span.from, span.to) }));
  const buckets = new Map<number, { uptime: number | null; errorRate: number | null }>();
  if (withDetail) {
    const per = new Map<number, Array<{ runs: number; failures: number }>>(span.buckets.map((b) => [b, []]));
    for (const { r } of perConnection) {
      const sums = new Map<number, { runs: number; failures: number }>();
      for (const h of r.hours) {
        const b = bucketOf(span.buckets, h.start);
        if (b === null) continue;
        const s = sums.get(b) ?? { runs: 0, failures: 0 };
        s.runs += h.runs;
        s.failures += h.failures;
        sums.set(b, s);
      }
      for (const [b, s] of sums) per.get(b)!.push(s);
    }
    for (const [b, list] of per) {
      const runs = list.reduce((n, s) => n + s.runs, 0);
      const failures = list.reduce((n, s) => n + s.failures, 0);
      buckets.set(b, { uptime: mean(list.map(upShare)), errorRate: failShare({ runs, failures }) });
    }
  }
  return {
    uptime: mean(perConnection.map(({ r }) => upShare(r))),
    errorRate: failShare(all),
    apiResponseMean: all.latency.mean,
    apiResponseP95: all.latency.p95,
    apiResponseP99: all.latency.p99,
    buckets,
    connections: perConnection.map(({ id, name, r }) => ({
      targetId: id,
      name,
      runs: r.runs,
      uptime: upShare(r),
      errorRate: failShare(r),
      apiResponseMean: r.latency.mean,
      apiResponseP95: r.latency.p95,
      apiResponseP99: r.latency.p99,
    })),
  };
}

/** Active clinicians now: the sum of every connection's active_clinical_sessions reading; null when none reports it. */
export function activeClinicians(monitor: Pick<MonitorApi, 'board'>): number | null {
  const readings = monitor.board().flatMap((t) => (t.metrics[ACTIVE_CLINICIANS_SERIES] === undefined ? [] : [t.metrics[ACTIVE_CLINICIANS_SERIES]]));
  return readings.length > 0 ? readings.reduce((a, b) => a + b, 0) : null;
}

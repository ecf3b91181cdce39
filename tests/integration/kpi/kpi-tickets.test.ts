/**
 * The ticket KPIs through a real Vigil, against an independent count over
 * the generated tickets: which tickets fall in a range is decided from
 * their local dates (Intl, not the service's zone arithmetic), percentiles
 * are exact nearest-rank over the raw durations, SLA outcomes from the
 * 24/7 targets. In America/New_York, so the 90 days hold a DST change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { manualTimers } from '../../../src-main/monitor/timers';
import type { KpiReport, KpiValue } from '../../../src-shared/contract';
import { PRIORITIES, type Priority } from '../../../src-shared/tickets';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { generatedTickets, ticketsCsv, type GenTicket } from './generated-tickets';

const ZONE = 'America/New_York';
const NOW = Date.UTC(2026, 5, 1, 16, 20);
const MIN = 60_000;
let vigil: TestVigil;
let admin: string;
let tickets: GenTicket[];
const targets: Record<Priority, { fr: number; res: number }> = {
  emergency: { fr: 15, res: 30 },
  critical: { fr: 30, res: 240 },
  high: { fr: 120, res: 480 },
  medium: { fr: 240, res: 1800 },
  low: { fr: 480, res: 3000 },
};

beforeAll(async () => {
  vigil = await startTestVigil({ clock: manualClock(NOW), tickets: { timers: manualTimers(NOW), timeZone: ZONE }, kpi: { timeZone: ZONE }, idleTimeoutMs: 24 * 3_600_000 });
  admin = await vigil.adminToken();
  // Every priority 24/7, so the expected SLA outcomes are plain differences.
  const { policy, current } = await vigil.ok('sla.policies.get', {}, admin);
  const priorities = Object.fromEntries(
    PRIORITIES.map((p) => [p, { ...policy.policy.priorities[p], calendarId: null, firstResponseMinutes: targets[p].fr, resolutionMinutes: targets[p].res }]),
  ) as typeof policy.policy.priorities;
  await vigil.ok('sla.policies.save', { policy: { ...policy.policy, priorities }, baseVersion: current }, admin);
  // Most over 200 days, some in the last two, so the 24-hour range has enough to count.
  tickets = [...generatedTickets(600, NOW, 200, 42), ...generatedTickets(150, NOW, 2, 7, 'NEAR')];
  const result = await vigil.ok('tickets.import', { format: 'csv', content: ticketsCsv(tickets), mode: 'all' }, admin);
  expect(result.imported).toBe(tickets.length);
}, 60_000);

afterAll(async () => {
  await vigil?.close();
});

const localDate = (t: number) => new Date(t).toLocaleDateString('en-CA', { timeZone: ZONE });
/** The `count` local dates ending `endsAgo` dates before the date of NOW, oldest first. */
function dates(count: number, endsAgo = 0): string[] {
  const [y, m, d] = localDate(NOW).split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1, d - endsAgo - (count - 1 - i))).toISOString().slice(0, 10));
}

function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]!;
}
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const share = (yes: number, all: number) => (all === 0 ? null : (100 * yes) / all);

/** What every ticket KPI should be, counting tickets opened or done on these local dates, and the backlog at `end`. */
function expected(inRange: (t: number) => boolean, end: number) {
  const opened = tickets.filter((t) => inRange(t.createdAt));
  const done = tickets.filter((t) => t.doneAt !== null && inRange(t.doneAt));
  const frs = opened.filter((t) => t.firstResponseAt !== null);
  const resolution = done.map((t) => t.doneAt! - t.createdAt);
  const rated = done.filter((t) => t.csat !== null);
  return {
    volume: opened.length,
    firstResponseMean: mean(frs.map((t) => t.firstResponseAt! - t.createdAt)),
    resolutionMean: mean(resolution),
    resolutionP50: nearestRank(resolution, 50),
    resolutionP90: nearestRank(resolution, 90),
    // Decided: answered (met or not), or unanswered past the target by now (breached).
    slaFirstResponse: share(
      frs.filter((t) => t.firstResponseAt! - t.createdAt <= targets[t.priority].fr * MIN).length,
      frs.length + opened.filter((t) => t.firstResponseAt === null && NOW - t.createdAt >= targets[t.priority].fr * MIN).length,
    ),
    slaResolution: share(done.filter((t) => t.doneAt! - t.createdAt <= targets[t.priority].res * MIN).length, done.length),
    escalationRate: share(opened.filter((t) => t.tier > 1).length, opened.length),
    csatMean: mean(rated.map((t) => t.csat!)),
    medicalResponse: mean(done.filter((t) => t.priority === 'emergency').map((t) => t.doneAt! - t.createdAt)),
    backlog: tickets.filter((t) => t.createdAt < end && (t.doneAt === null || t.doneAt >= end)).length,
    csat: [1, 2, 3, 4, 5].map((s) => rated.filter((t) => t.csat === s).length),
  };
}

const kpi = (report: KpiReport, id: KpiValue['id']) => report.kpis.find((k) => k.id === id)!;

function expectClose(actual: number | null, want: number | null, relative: number) {
  if (want === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - want)).toBeLessThanOrEqual(Math.abs(want) * relative + 1e-9);
}

function compare(report: KpiReport, want: ReturnType<typeof expected>, field: 'value' | 'previous') {
  for (const id of ['volume', 'backlog'] as const) expect(kpi(report, id)[field], id).toBe(want[id]);
  for (const id of ['firstResponseMean', 'resolutionMean', 'slaFirstResponse', 'slaResolution', 'escalationRate', 'csatMean', 'medicalResponse'] as const) {
    expectClose(kpi(report, id)[field], want[id], 1e-9);
  }
  // Percentiles from the log buckets: within 2.2 % of the exact nearest rank.
  expectClose(kpi(report, 'resolutionP50')[field], want.resolutionP50, 0.022);
  expectClose(kpi(report, 'resolutionP90')[field], want.resolutionP90, 0.022);
}

describe('ticket KPIs against an independent count', () => {
  it('90 days and the 90 before them, a DST change inside', async () => {
    const report = await vigil.ok('kpi.report', { range: { preset: '90d' } }, admin);
    const current = new Set(dates(90));
    const previous = new Set(dates(90, 90));
    expect(report.range.timeZone).toBe(ZONE);
    expect(report.buckets.map(localDate)).toEqual([...current]);
    expect(report.range.from).toBe(report.buckets[0]);
    expect(report.previous.to).toBe(report.range.from);
    const want = expected((t) => current.has(localDate(t)), NOW + 1);
    expect(want.volume).toBeGreaterThan(350);
    compare(report, want, 'value');
    compare(report, expected((t) => previous.has(localDate(t)), report.range.from), 'previous');
    expect(report.csat.distribution).toEqual(want.csat);
    // A day per bucket: the volume per local date, and the backlog runs to the card's value.
    expect(kpi(report, 'volume').series).toEqual([...current].map((d) => tickets.filter((t) => localDate(t.createdAt) === d).length));
    expect(kpi(report, 'backlog').series.at(-1)).toBe(want.backlog);
  });

  it('cuts days in the zone: the spring-forward day has 23 hours', async () => {
    const report = await vigil.ok('kpi.report', { range: { from: '2026-03-07', to: '2026-03-09' } }, admin);
    expect(report.buckets.map(localDate)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(report.buckets[2]! - report.buckets[1]!).toBe(23 * 3_600_000);
    expect(report.range.to - report.buckets[2]!).toBe(24 * 3_600_000);
    const days = new Set(['2026-03-07', '2026-03-08', '2026-03-09']);
    compare(report, expected((t) => days.has(localDate(t)), report.range.to), 'value');
    const before = new Set(['2026-03-04', '2026-03-05', '2026-03-06']);
    compare(report, expected((t) => before.has(localDate(t)), report.range.from), 'previous');
  });

  it('24 hours: the current hour and the 23 before it, edges included once', async () => {
    const report = await vigil.ok('kpi.report', { range: { preset: '24h' } }, admin);
    const hour = 3_600_000;
    const from = Math.floor(NOW / hour) * hour - 23 * hour;
    expect(report.range).toMatchObject({ from, to: NOW, grain: 'hour' });
    expect(report.buckets).toHaveLength(24);
    const want = expected((t) => t >= from && t <= NOW, NOW + 1);
    expect(want.volume).toBeGreaterThan(40);
    compare(report, want, 'value');
    compare(report, expected((t) => t >= from - 24 * hour && t < from, from), 'previous');
  });

  it('breaks down by priority, category and assignee', async () => {
    const report = await vigil.ok('kpi.report', { range: { preset: '30d' } }, admin);
    const current = new Set(dates(30));
    const opened = tickets.filter((t) => current.has(localDate(t.createdAt)));
    expect(report.breakdowns.priority.map((r) => r.key)).toEqual([...PRIORITIES]);
    for (const row of report.breakdowns.priority) expect(row.volume).toBe(opened.filter((t) => t.priority === row.key).length);
    for (const row of report.breakdowns.category) expect(row.volume).toBe(opened.filter((t) => t.category === row.key).length);
    for (const row of report.breakdowns.assignee) expect(row.volume, row.key).toBe(opened.filter((t) => (t.assignee ?? '') === row.key).length);
    expect(report.breakdowns.assignee.reduce((n, r) => n + r.backlog, 0)).toBe(kpi(report, 'backlog').value);
  });
});

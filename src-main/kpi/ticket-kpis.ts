/**
 * The ticket KPIs from the cells: a range's totals, a point per bucket,
 * the breakdowns, and the backlog as a running count of tickets opened
 * minus tickets done up to an instant.
 */
import { CATEGORIES, PRIORITIES, type Priority } from '../../src-shared/tickets';
import type { TicketBreakdownRow } from '../../src-shared/contract';
import { addStored, type CellStore, type StoredCell } from './cell-store';
import { Cell, DIMS, type Dim } from './cells';
import type { Span } from './ranges';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The cells of a span a few buckets at a time, the event loop let in
 * between: the assignee dimension has a cell per person per bucket, and a
 * day not in memory yet is summed from its hours (24 cells each).
 */
async function* cellsOf(store: CellStore, grain: number, dim: number, span: Span): AsyncGenerator<StoredCell[]> {
  const step = dim === DIMS.assignee ? 2 : 8;
  for (let i = 0; i < span.buckets.length; i += step) {
    const to = i + step < span.buckets.length ? span.buckets[i + step]! : span.to;
    yield store.cells(grain, dim, span.buckets.slice(i, i + step), to);
    await yieldToLoop();
  }
}

export interface TicketFigures {
  firstResponseMean: number | null;
  resolutionMean: number | null;
  resolutionP50: number | null;
  resolutionP90: number | null;
  slaFirstResponse: number | null;
  slaResolution: number | null;
  escalationRate: number | null;
  csatMean: number | null;
  volume: number;
}

const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

export function figuresOf(c: Cell): TicketFigures {
  return {
    firstResponseMean: c.frN > 0 ? c.frSum / c.frN : null,
    resolutionMean: c.resN > 0 ? c.resSum / c.resN : null,
    resolutionP50: c.res.percentile(50),
    resolutionP90: c.res.percentile(90),
    slaFirstResponse: share(c.frMet, c.frMet + c.frBreached),
    slaResolution: share(c.resMet, c.resMet + c.resBreached),
    escalationRate: share(c.escalated, c.created),
    csatMean: c.csatN > 0 ? c.csatSum / c.csatN : null,
    volume: c.created,
  };
}

export interface SpanTickets {
  total: Cell;
  /** Emergency tickets only: the medical response time. */
  emergency: Cell;
  /** Per bucket start, the same two. */
  buckets: Map<number, { all: Cell; emergency: Cell }>;
  /** Open at the span's end. */
  backlog: number;
}

/** Tickets open at `at`, per value of a dimension: days before the day of `at`, then its hours. */
export function backlogAt(store: CellStore, dim: number, at: number): Map<string, number> {
  const dayStart = store.zone.dayStart(at);
  const out = store.openBeforeDay(dim, dayStart);
  for (const [key, n] of store.openInHours(dim, dayStart, at)) out.set(key, (out.get(key) ?? 0) + n);
  return out;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

export async function spanTickets(store: CellStore, grain: number, span: Span): Promise<SpanTickets> {
  const total = new Cell();
  const emergency = new Cell();
  const buckets = new Map<number, { all: Cell; emergency: Cell }>(span.buckets.map((b) => [b, { all: new Cell(), emergency: new Cell() }]));
  for await (const cells of cellsOf(store, grain, DIMS.priority, span)) {
    for (const cell of cells) {
      addStored(total, cell);
      const bucket = buckets.get(cell.start);
      if (bucket) addStored(bucket.all, cell);
      if ((cell.key as Priority) === 'emergency') {
        addStored(emergency, cell);
        if (bucket) addStored(bucket.emergency, cell);
      }
    }
  }
  return { total, emergency, buckets, backlog: sum(backlogAt(store, DIMS.priority, span.to)) };
}

/** The breakdown by one dimension over a span, most tickets first (priorities in their order). */
export async function breakdown(store: CellStore, grain: number, dim: Dim, span: Span): Promise<TicketBreakdownRow[]> {
  const byKey = new Map<string, Cell>();
  for await (const cells of cellsOf(store, grain, DIMS[dim], span)) {
    for (const cell of cells) {
      let c = byKey.get(cell.key);
      if (!c) byKey.set(cell.key, (c = new Cell()));
      addStored(c, cell);
    }
  }
  const open = backlogAt(store, DIMS[dim], span.to);
  const keys = new Set([...byKey.keys(), ...[...open].filter(([, n]) => n !== 0).map(([k]) => k)]);
  if (dim === 'priority') for (const p of PRIORITIES) keys.add(p);
  if (dim === 'category') for (const c of CATEGORIES) keys.add(c);
  const rows = [...keys].map((key) => ({ key, ...figuresOf(byKey.get(key) ?? new Cell()), backlog: open.get(key) ?? 0 }));
  if (dim === 'priority') return rows.sort((a, b) => PRIORITIES.indexOf(a.key as Priority) - PRIORITIES.indexOf(b.key as Priority));
  return rows.sort((a, b) => b.volume - a.volume || b.backlog - a.backlog || a.key.localeCompare(b.key));
}

/**
 * The aggregates the KPIs are read from: one cell per bucket (a local hour,
 * or a local day summed from its hours), per dimension (priority, category
 * or assignee) and per value of it, holding counts, sums and duration counts. A ticket adds to
 * the cells of the bucket it was opened in (volume, escalation, first
 * response and its SLA) and of the bucket it was resolved or closed in
 * (done, resolution time and its SLA, CSAT). When a ticket changes, its old
 * contribution is taken back and its new one added, so the cells always
 * equal a count over the tickets as they stand.
 */
import type { TicketFact } from '../tickets';
import { DurationCounts } from './durations';
import type { Zone } from './zone';

export const GRAINS = { hour: 0, day: 1 } as const;
export type Grain = keyof typeof GRAINS;
export const DIMS = { priority: 0, category: 1, assignee: 2 } as const;
export type Dim = keyof typeof DIMS;

export class Cell {
  created = 0;
  escalated = 0;
  frN = 0;
  frSum = 0;
  fr = new DurationCounts();
  frMet = 0;
  frBreached = 0;
  done = 0;
  resN = 0;
  resSum = 0;
  res = new DurationCounts();
  resMet = 0;
  resBreached = 0;
  csatN = 0;
  csatSum = 0;
  csat = [0, 0, 0, 0, 0];

  /** Adds counts given in countsOf's order. */
  addCounts(n: ArrayLike<number>): void {
    this.created += n[0]!;
    this.done += n[1]!;
    this.escalated += n[2]!;
    this.frN += n[3]!;
    this.frSum += n[4]!;
    this.frMet += n[5]!;
    this.frBreached += n[6]!;
    this.resN += n[7]!;
    this.resSum += n[8]!;
    this.resMet += n[9]!;
    this.resBreached += n[10]!;
    this.csatN += n[11]!;
    this.csatSum += n[12]!;
    for (let i = 0; i < 5; i++) this.csat[i]! += n[13 + i]!;
  }

  /** Nothing counted at all: a delta that changes nothing, or a cell every ticket has left. */
  isEmpty(): boolean {
    return countsOf(this).every((n) => n === 0) && this.fr.isEmpty() && this.res.isEmpty();
  }
}

/** Every count of a cell but its duration buckets: created, done, then the rest in the order of the store's JSON array. */
export function countsOf(c: Cell): number[] {
  return [c.created, c.done, c.escalated, c.frN, c.frSum, c.frMet, c.frBreached, c.resN, c.resSum, c.resMet, c.resBreached, c.csatN, c.csatSum, ...c.csat];
}

export interface CellKey {
  grain: number;
  dim: number;
  start: number;
  key: string;
}

export const cellId = (k: CellKey) => `${k.grain}|${k.dim}|${k.start}|${k.key}`;

export function parseCellId(id: string): CellKey {
  const [grain, dim, start, ...key] = id.split('|');
  return { grain: Number(grain), dim: Number(dim), start: Number(start), key: key.join('|') };
}

const dimValues = (f: TicketFact): [number, string][] => [
  [DIMS.priority, f.priority],
  [DIMS.category, f.category],
  [DIMS.assignee, f.assignee ?? ''],
];

/**
 * Adds (sign 1) or takes back (sign -1) a ticket's contribution to the hour
 * cells in `into`. Only hours are stored: a local day is whole local hours,
 * so its cells are the sums of its hours' (day-cache.ts), and a change
 * writes a few small hour cells rather than also rewriting the day's large
 * ones, which every ticket of the day shares.
 */
export function contribute(into: Map<string, Cell>, f: TicketFact, zone: Zone, sign: 1 | -1): void {
  const values = dimValues(f);
  // Each change is made to the ticket's cell for every dimension, straight into the map (a rebuild makes millions).
  const each = (at: number, change: (c: Cell) => void) => {
    const start = zone.hourStart(at);
    for (const [dim, key] of values) {
      const id = cellId({ grain: GRAINS.hour, dim, start, key });
      let cell = into.get(id);
      if (!cell) into.set(id, (cell = new Cell()));
      change(cell);
    }
  };
  const frMs = f.firstResponseAt === null ? null : Math.max(0, f.firstResponseAt - f.createdAt);
  each(f.createdAt, (c) => {
    c.created += sign;
    if (f.escalated) c.escalated += sign;
    if (frMs !== null) {
      c.frN += sign;
      c.frSum += sign * frMs;
      c.fr.add(frMs, sign);
    }
    if (f.firstResponseSla === 'met') c.frMet += sign;
    if (f.firstResponseSla === 'breached') c.frBreached += sign;
  });
  if (f.doneAt === null) return;
  const resMs = Math.max(0, f.doneAt - f.createdAt);
  const rated = f.csat !== null && f.csat >= 1 && f.csat <= 5 ? f.csat : null;
  each(f.doneAt, (c) => {
    c.done += sign;
    c.resN += sign;
    c.resSum += sign * resMs;
    c.res.add(resMs, sign);
    if (f.resolutionSla === 'met') c.resMet += sign;
    if (f.resolutionSla === 'breached') c.resBreached += sign;
    if (rated !== null) {
      c.csatN += sign;
      c.csatSum += sign * rated;
      c.csat[rated - 1]! += sign;
    }
  });
}

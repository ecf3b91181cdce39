/**
 * The aggregates the KPIs are read from: one cell per bucket (a local hour
 * or a local day), per dimension (priority, category or assignee) and per
 * value of it, holding counts, sums and duration counts. A ticket adds to
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

  merge(o: Cell, sign = 1): void {
    this.created += sign * o.created;
    this.escalated += sign * o.escalated;
    this.frN += sign * o.frN;
    this.frSum += sign * o.frSum;
    this.fr.merge(o.fr, sign);
    this.frMet += sign * o.frMet;
    this.frBreached += sign * o.frBreached;
    this.done += sign * o.done;
    this.resN += sign * o.resN;
    this.resSum += sign * o.resSum;
    this.res.merge(o.res, sign);
    this.resMet += sign * o.resMet;
    this.resBreached += sign * o.resBreached;
    this.csatN += sign * o.csatN;
    this.csatSum += sign * o.csatSum;
    for (let i = 0; i < 5; i++) this.csat[i]! += sign * o.csat[i]!;
  }

  /** Nothing counted at all: a delta that changes nothing, or a cell every ticket has left. */
  isEmpty(): boolean {
    const counts = [this.created, this.escalated, this.frN, this.frSum, this.frMet, this.frBreached, this.done, this.resN, this.resSum, this.resMet, this.resBreached, this.csatN, this.csatSum, ...this.csat];
    return counts.every((n) => n === 0) && this.fr.isEmpty() && this.res.isEmpty();
  }
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

/** Adds (sign 1) or takes back (sign -1) a ticket's contribution to the cells in `into`. */
export function contribute(into: Map<string, Cell>, f: TicketFact, zone: Zone, sign: 1 | -1): void {
  const values = dimValues(f);
  // Each change is made to the ticket's cell for every grain and dimension, straight into the map (a rebuild makes millions).
  const each = (at: number, change: (c: Cell) => void) => {
    for (const [grain, start] of [
      [GRAINS.hour, zone.hourStart(at)],
      [GRAINS.day, zone.dayStart(at)],
    ] as const) {
      for (const [dim, key] of values) {
        const id = cellId({ grain, dim, start, key });
        let cell = into.get(id);
        if (!cell) into.set(id, (cell = new Cell()));
        change(cell);
      }
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

/**
 * The aggregates in the store: each ticket's last contribution (kpi_facts),
 * the hour cells (kpi_cells) and the event-log sequence they count up to
 * (kpi_state). A batch of changed tickets is applied in one transaction:
 * old contributions taken back, new ones added, the sequence moved on, so
 * a crash never counts a change twice or loses one. The day cells and the
 * backlog counts reports read are sums of the hour cells, kept in memory
 * and brought up to date after each commit.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketFact } from '../tickets';
import { Cell, contribute, countsOf, GRAINS, parseCellId, type CellKey } from './cells';
import { DayCache } from './day-cache';
import { decodePairs } from './durations';
import { OpenCounts } from './open-counts';
import type { Zone } from './zone';

interface CellRow {
  created: number;
  done: number;
  counts: string;
  fr: Buffer;
  res: Buffer;
}

type HourRow = Omit<CellRow, 'fr'> & { start: number; key: string };

/**
 * A stored cell as reports read it: its counts (countsOf's order) and its
 * resolution-time buckets as (index, count) pairs. The first-response
 * buckets are stored too (taking a ticket back needs them) but no figure
 * reads them.
 */
export interface StoredCell extends CellKey {
  counts: Float64Array;
  res: Int32Array;
}

/** Adds a stored cell to a cell of a report's. */
export function addStored(into: Cell, s: StoredCell): void {
  into.addCounts(s.counts);
  into.res.mergePairs(s.res);
}

const storedOf = (k: CellKey, counts: number[], res: Int32Array): StoredCell => ({ grain: k.grain, dim: k.dim, start: k.start, key: k.key, counts: Float64Array.from(counts), res });

const rowCounts = (r: Omit<CellRow, 'fr' | 'res'>) => [r.created, r.done, ...(JSON.parse(r.counts) as number[])];

export class CellStore {
  private readonly getCell: Database.Statement;
  private readonly putCell: Database.Statement;
  private readonly dropCell: Database.Statement;
  private readonly getFact: Database.Statement;
  private readonly putFact: Database.Statement;
  private readonly putSeq: Database.Statement;
  private readonly range: Database.Statement;
  private readonly openInRange: Database.Statement;
  private readonly days = new DayCache();
  private readonly open: OpenCounts;

  constructor(
    private readonly db: Database.Database,
    readonly zone: Zone,
  ) {
    this.getCell = db.prepare('SELECT created, done, counts, fr, res FROM kpi_cells WHERE grain = ? AND dim = ? AND start = ? AND key = ?');
    this.putCell = db.prepare(
      'INSERT INTO kpi_cells (grain, dim, start, key, created, done, counts, fr, res) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grain, dim, start, key) DO UPDATE SET created = excluded.created, done = excluded.done, counts = excluded.counts, fr = excluded.fr, res = excluded.res',
    );
    this.dropCell = db.prepare('DELETE FROM kpi_cells WHERE grain = ? AND dim = ? AND start = ? AND key = ?');
    this.getFact = db.prepare('SELECT fact FROM kpi_facts WHERE number = ?').pluck();
    this.putFact = db.prepare('INSERT INTO kpi_facts (number, fact) VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET fact = excluded.fact');
    this.putSeq = db.prepare('UPDATE kpi_state SET seq = ? WHERE id = 1');
    // Not fr: no figure reads the first-response buckets.
    this.range = db.prepare(`SELECT start, key, created, done, counts, res FROM kpi_cells WHERE grain = ${GRAINS.hour} AND dim = ? AND start >= ? AND start < ?`);
    this.openInRange = db.prepare(`SELECT start, key, created - done AS open FROM kpi_cells WHERE grain = ${GRAINS.hour} AND dim = ? AND start >= ? AND start < ?`);
    this.open = new OpenCounts((dim) => {
      const dayOf = this.dayOf();
      return this.openPerHour(dim, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((r) => ({ ...r, start: dayOf(r.start) }));
    });
    const state = db.prepare('SELECT seq, time_zone FROM kpi_state WHERE id = 1').get() as { seq: number; time_zone: string } | undefined;
    // Buckets cut in another zone are of no use here: count everything again.
    if (!state || state.time_zone !== zone.timeZone) {
      db.transaction(() => {
        db.exec('DELETE FROM kpi_cells; DELETE FROM kpi_facts;');
        db.prepare('INSERT INTO kpi_state (id, seq, time_zone) VALUES (1, 0, ?) ON CONFLICT (id) DO UPDATE SET seq = 0, time_zone = excluded.time_zone').run(zone.timeZone);
      })();
    }
  }

  seq(): number {
    return (this.db.prepare('SELECT seq FROM kpi_state WHERE id = 1').get() as { seq: number }).seq;
  }

  /** The last contribution counted for a ticket. */
  fact(number: number): TicketFact | null {
    const json = this.getFact.get(number) as string | undefined;
    return json === undefined ? null : (JSON.parse(json) as TicketFact);
  }

  /**
   * Counts these tickets as they stand now (`facts`, by number; `before`
   * what each last added, or null) and moves the sequence to `seq`.
   */
  apply(facts: ReadonlyMap<number, TicketFact>, before: ReadonlyMap<number, TicketFact | null>, seq: number): void {
    const deltas = new Map<string, Cell>();
    for (const [number, fact] of facts) {
      const old = before.get(number);
      if (old) contribute(deltas, old, this.zone, -1);
      contribute(deltas, fact, this.zone, 1);
    }
    const changed: Array<{ k: CellKey; open: number }> = [];
    this.db.transaction(() => {
      for (const [id, cell] of deltas) {
        if (cell.isEmpty()) continue;
        const k = parseCellId(id);
        changed.push({ k, open: cell.created - cell.done });
        // The delta becomes the cell: what is stored plus the change.
        const row = this.getCell.get(k.grain, k.dim, k.start, k.key) as CellRow | undefined;
        if (row) {
          cell.addCounts(rowCounts(row));
          cell.fr.mergeEncoded(row.fr);
          cell.res.mergeEncoded(row.res);
        }
        if (cell.isEmpty()) this.dropCell.run(k.grain, k.dim, k.start, k.key);
        else this.putCell.run(k.grain, k.dim, k.start, k.key, cell.created, cell.done, JSON.stringify(countsOf(cell).slice(2)), cell.fr.encode(), cell.res.encode());
      }
      for (const [number, fact] of facts) this.putFact.run(number, JSON.stringify(fact));
      this.putSeq.run(seq);
    })();
    // Only once committed (a transaction that failed changed nothing): the days in memory follow their hours.
    const dayOf = this.dayOf();
    for (const { k, open } of changed) {
      const day = dayOf(k.start);
      this.days.drop(k.dim, day);
      this.open.add(k.dim, day, k.key, open);
    }
  }

  /**
   * The cells of one grain and dimension in the buckets `buckets` (bucket
   * starts, ascending), the last of which runs to `to`. A day's cells are
   * the sums of its hours', kept in memory once summed; a day bucket always
   * holds its whole day.
   */
  cells(grain: number, dim: number, buckets: readonly number[], to: number): StoredCell[] {
    if (grain !== GRAINS.day) return this.read(dim, buckets[0]!, to);
    const slots = buckets.map((start) => this.days.get(dim, start));
    if (slots.every((slot) => slot !== undefined)) return slots.flatMap((slot) => [...slot.values()]);
    const sums = new Map<number, Map<string, Cell>>(buckets.map((start) => [start, new Map()]));
    const dayOf = this.dayOf();
    for (const hour of this.read(dim, buckets[0]!, this.zone.nextDay(buckets[buckets.length - 1]!))) {
      const byKey = sums.get(dayOf(hour.start));
      if (!byKey) continue;
      let cell = byKey.get(hour.key);
      if (!cell) byKey.set(hour.key, (cell = new Cell()));
      addStored(cell, hour);
    }
    const out: StoredCell[] = [];
    for (const [start, byKey] of sums) {
      const slot = new Map([...byKey].map(([key, cell]) => [key, storedOf({ grain, dim, start, key }, countsOf(cell), cell.res.pairs())]));
      this.days.load(dim, start, slot);
      out.push(...slot.values());
    }
    return out;
  }

  /** Per value of a dimension: tickets opened minus tickets done on the days before the day starting at `dayStart`. */
  openBeforeDay(dim: number, dayStart: number): Map<string, number> {
    return this.open.before(dim, dayStart);
  }

  /** Per value of a dimension: tickets opened minus tickets done in the hours of [from, to). */
  openInHours(dim: number, from: number, to: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const { key, open } of this.openPerHour(dim, from, to)) out.set(key, (out.get(key) ?? 0) + open);
    return out;
  }

  private openPerHour(dim: number, from: number, to: number): Array<{ start: number; key: string; open: number }> {
    return this.openInRange.all(dim, from, to) as Array<{ start: number; key: string; open: number }>;
  }

  /** The start of an hour's local day; remembered per hour, as a batch or a read meets the same hours many times. */
  private dayOf(): (hour: number) => number {
    const seen = new Map<number, number>();
    return (hour) => {
      let day = seen.get(hour);
      if (day === undefined) seen.set(hour, (day = this.zone.dayStart(hour)));
      return day;
    };
  }

  private read(dim: number, from: number, to: number): StoredCell[] {
    return (this.range.all(dim, from, to) as HourRow[]).map((r) => storedOf({ grain: GRAINS.hour, dim, start: r.start, key: r.key }, rowCounts(r), decodePairs(r.res)));
  }
}

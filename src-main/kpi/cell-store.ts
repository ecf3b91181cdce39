/**
 * The aggregates in the store: each ticket's last contribution (kpi_facts),
 * the cells (kpi_cells) and the event-log sequence they count up to
 * (kpi_state). A batch of changed tickets is applied in one transaction:
 * old contributions taken back, new ones added, the sequence moved on, so
 * a crash never counts a change twice or loses one.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketFact } from '../tickets';
import { Cell, contribute, parseCellId, type CellKey } from './cells';
import type { Zone } from './zone';

interface CellRow {
  grain: number;
  dim: number;
  start: number;
  key: string;
  created: number;
  done: number;
  counts: string;
  fr: Buffer;
  res: Buffer;
}

export interface StoredCell extends CellKey {
  cell: Cell;
}

function toCell(r: CellRow): Cell {
  const c = new Cell();
  const n = JSON.parse(r.counts) as number[];
  c.created = r.created;
  c.done = r.done;
  [c.escalated, c.frN, c.frSum, c.frMet, c.frBreached, c.resN, c.resSum, c.resMet, c.resBreached, c.csatN, c.csatSum] = n as [number, number, number, number, number, number, number, number, number, number, number];
  c.csat = n.slice(11, 16);
  c.fr.mergeEncoded(r.fr);
  c.res.mergeEncoded(r.res);
  return c;
}

const countsOf = (c: Cell) => JSON.stringify([c.escalated, c.frN, c.frSum, c.frMet, c.frBreached, c.resN, c.resSum, c.resMet, c.resBreached, c.csatN, c.csatSum, ...c.csat]);

export class CellStore {
  private readonly getCell: Database.Statement;
  private readonly putCell: Database.Statement;
  private readonly dropCell: Database.Statement;
  private readonly getFact: Database.Statement;
  private readonly putFact: Database.Statement;
  private readonly range: Database.Statement;
  private readonly openBefore: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    readonly zone: Zone,
  ) {
    this.getCell = db.prepare('SELECT * FROM kpi_cells WHERE grain = ? AND dim = ? AND start = ? AND key = ?');
    this.putCell = db.prepare(
      'INSERT INTO kpi_cells (grain, dim, start, key, created, done, counts, fr, res) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grain, dim, start, key) DO UPDATE SET created = excluded.created, done = excluded.done, counts = excluded.counts, fr = excluded.fr, res = excluded.res',
    );
    this.dropCell = db.prepare('DELETE FROM kpi_cells WHERE grain = ? AND dim = ? AND start = ? AND key = ?');
    this.getFact = db.prepare('SELECT fact FROM kpi_facts WHERE number = ?').pluck();
    this.putFact = db.prepare('INSERT INTO kpi_facts (number, fact) VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET fact = excluded.fact');
    this.range = db.prepare('SELECT * FROM kpi_cells WHERE grain = ? AND dim = ? AND start >= ? AND start < ?');
    this.openBefore = db.prepare('SELECT key, SUM(created) - SUM(done) AS open FROM kpi_cells WHERE grain = ? AND dim = ? AND start >= ? AND start < ? GROUP BY key');
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
    this.db.transaction(() => {
      for (const [id, delta] of deltas) {
        if (delta.isEmpty()) continue;
        const k = parseCellId(id);
        const row = this.getCell.get(k.grain, k.dim, k.start, k.key) as CellRow | undefined;
        const cell = row ? toCell(row) : new Cell();
        cell.merge(delta);
        if (cell.isEmpty()) this.dropCell.run(k.grain, k.dim, k.start, k.key);
        else this.putCell.run(k.grain, k.dim, k.start, k.key, cell.created, cell.done, countsOf(cell), cell.fr.encode(), cell.res.encode());
      }
      for (const [number, fact] of facts) this.putFact.run(number, JSON.stringify(fact));
      this.db.prepare('UPDATE kpi_state SET seq = ? WHERE id = 1').run(seq);
    })();
  }

  /** The cells of one grain and dimension with start in [from, to). */
  cells(grain: number, dim: number, from: number, to: number): StoredCell[] {
    return (this.range.all(grain, dim, from, to) as CellRow[]).map((r) => ({ grain: r.grain, dim: r.dim, start: r.start, key: r.key, cell: toCell(r) }));
  }

  /** Per value of a dimension: tickets opened minus tickets done in the cells of [from, to). */
  openDelta(grain: number, dim: number, from: number, to: number): Map<string, number> {
    return new Map((this.openBefore.all(grain, dim, from, to) as Array<{ key: string; open: number }>).map((r) => [r.key, r.open]));
  }
}

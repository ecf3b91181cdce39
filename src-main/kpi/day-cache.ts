/**
 * The day cells reports read, kept in memory: a 90-day report merges some
 * five thousand of them, each the sum of its day's hour cells, and reading
 * those from the encrypted file on every report would take far longer than
 * the report may at a million tickets. A slot holds every cell of one
 * dimension on one local day; the cell store sums a slot on first use and
 * drops it when one of the day's hours changes, so a slot always equals the
 * sums of the hours stored. The least recently read slots are let go past
 * MAX_SLOTS: enough for a 90-day range and the one before it in every
 * dimension.
 */
import type { StoredCell } from './cell-store';

const MAX_SLOTS = 600;

const slotOf = (dim: number, start: number) => `${dim}|${start}`;

export class DayCache {
  /** Oldest read first (a Map keeps insertion order; a read moves its slot to the end). */
  private readonly slots = new Map<string, Map<string, StoredCell>>();

  /** A loaded slot's cells by key, or undefined when it is not loaded. */
  get(dim: number, start: number): Map<string, StoredCell> | undefined {
    const id = slotOf(dim, start);
    const slot = this.slots.get(id);
    if (slot) {
      this.slots.delete(id);
      this.slots.set(id, slot);
    }
    return slot;
  }

  /** Loads a slot with every cell of its dimension and day as the table holds them. */
  load(dim: number, start: number, cells: Map<string, StoredCell>): void {
    this.slots.delete(slotOf(dim, start));
    this.slots.set(slotOf(dim, start), cells);
    for (const id of this.slots.keys()) {
      if (this.slots.size <= MAX_SLOTS) break;
      this.slots.delete(id);
    }
  }

  /** A committed change to one of the day's hours: the day is summed again when next read. */
  drop(dim: number, start: number): void {
    this.slots.delete(slotOf(dim, start));
  }
}

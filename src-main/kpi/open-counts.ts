/**
 * Tickets opened minus tickets done per local day and value of a dimension,
 * every day ever counted, kept in memory for the backlogs: the backlog at
 * an instant runs over all the days before it, and summing those in the
 * encrypted file on every report cost more than all the rest of a report
 * at a million tickets. A dimension is read from the hour cells
 * once, on first use; the cell store adds each change it commits.
 */
export class OpenCounts {
  /** Per dimension: day start → value → opened minus done. */
  private readonly dims = new Map<number, Map<number, Map<string, number>>>();

  /** `load` gives a dimension's opened minus done per hour cell, each with the start of its hour's day. */
  constructor(private readonly load: (dim: number) => Array<{ start: number; key: string; open: number }>) {}

  /** Per value: opened minus done over the days starting before `before`. */
  before(dim: number, before: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [start, byKey] of this.days(dim)) {
      if (start >= before) continue;
      for (const [key, n] of byKey) out.set(key, (out.get(key) ?? 0) + n);
    }
    return out;
  }

  /** A committed change of opened minus done on a day; nothing to do until its dimension is read. */
  add(dim: number, day: number, key: string, open: number): void {
    const days = this.dims.get(dim);
    if (days) addTo(days, day, key, open);
  }

  private days(dim: number): Map<number, Map<string, number>> {
    let days = this.dims.get(dim);
    if (!days) {
      days = new Map();
      for (const { start, key, open } of this.load(dim)) addTo(days, start, key, open);
      this.dims.set(dim, days);
    }
    return days;
  }
}

function addTo(days: Map<number, Map<string, number>>, day: number, key: string, open: number): void {
  let byKey = days.get(day);
  if (!byKey) days.set(day, (byKey = new Map()));
  byKey.set(key, (byKey.get(key) ?? 0) + open);
}

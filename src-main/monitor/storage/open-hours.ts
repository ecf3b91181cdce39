/** Tallies of the results read but not yet written as rollups: hour → target → minute. */
import type { ResultRow } from './result-row';
import { Tally } from './tally';
import { HOUR_MS, MINUTE_MS, floorTo } from './time';

/** One target's minutes in one hour, by minute start. */
export type TargetHour = Map<number, Tally>;

export class OpenHours {
  private readonly hours = new Map<number, Map<number, TargetHour>>();

  add(row: Pick<ResultRow, 'at' | 'target' | 'status' | 'latencyMs'>): void {
    const hour = floorTo(row.at, HOUR_MS);
    let targets = this.hours.get(hour);
    if (!targets) this.hours.set(hour, (targets = new Map()));
    let minutes = targets.get(row.target);
    if (!minutes) targets.set(row.target, (minutes = new Map()));
    const minute = floorTo(row.at, MINUTE_MS);
    let tally = minutes.get(minute);
    if (!tally) minutes.set(minute, (tally = new Tally()));
    tally.add(row);
  }

  earliestHour(): number | undefined {
    let earliest: number | undefined;
    for (const hour of this.hours.keys()) if (earliest === undefined || hour < earliest) earliest = hour;
    return earliest;
  }

  /** Removes an hour and returns its targets' minutes (empty when nothing was read in it). */
  take(hour: number): Map<number, TargetHour> {
    const targets = this.hours.get(hour) ?? new Map<number, TargetHour>();
    this.hours.delete(hour);
    return targets;
  }

  /** One target's minutes starting in [from, to), oldest first. */
  minutes(target: number, from: number, to: number): [number, Tally][] {
    const found: [number, Tally][] = [];
    for (const [hour, targets] of this.hours) {
      if (hour + HOUR_MS <= from || hour >= to) continue;
      for (const [start, tally] of targets.get(target) ?? []) {
        if (start >= from && start < to) found.push([start, tally]);
      }
    }
    return found.sort((a, b) => a[0] - b[0]);
  }

  clear(): void {
    this.hours.clear();
  }
}

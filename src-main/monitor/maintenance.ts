/**
 * Maintenance windows, for one connection or for all: one-off (start to end)
 * or recurring (a cron pattern, read by croner, and a duration). During a
 * window the probes still run and are recorded, but nothing alerts.
 */
import { Cron } from 'croner';
import { maintenanceWindowSchema, type MaintenanceWindow, type MaintenanceWindowInput } from '../../src-shared/monitoring';

export interface Occurrence {
  window: MaintenanceWindow;
  start: number;
  end: number;
}

/** What the state machine needs to know of maintenance. */
export interface MaintenanceLookup {
  isInMaintenance(targetId: string, at: number): boolean;
}

interface Compiled {
  window: MaintenanceWindow;
  /** The occurrence that started at or before `at`, or null. */
  occurrence(at: number): { start: number; end: number } | null;
}

function compile(window: MaintenanceWindow): Compiled {
  if (window.kind === 'once') {
    const span = { start: window.start, end: window.end };
    return { window, occurrence: (at) => (at >= window.start ? span : null) };
  }
  const cron = new Cron(window.cron, { timezone: window.timezone });
  // Asked once per probe result, so the last answer is kept: the latest
  // start stays the same until the next one.
  let cached: { start: number; next: number } | null = null;
  return {
    window,
    occurrence(at) {
      if (!cached || at < cached.start || at >= cached.next) {
        // croner leaves out a run exactly at the reference; 1 ms later includes it.
        const start = cron.previousRuns(1, new Date(at + 1))[0]?.getTime();
        if (start === undefined) return null;
        cached = { start, next: cron.nextRun(new Date(start))?.getTime() ?? Infinity };
      }
      // The latest occurrence ends last, so it alone decides.
      return { start: cached.start, end: cached.start + window.durationMs };
    },
  };
}

/** The occurrence under way at `at`, else the next one; null when none is to come. */
export function nextOccurrence(window: MaintenanceWindow, at: number): { start: number; end: number } | null {
  if (window.kind === 'once') return window.end > at ? { start: window.start, end: window.end } : null;
  const cron = new Cron(window.cron, { timezone: window.timezone });
  const last = cron.previousRuns(1, new Date(at + 1))[0]?.getTime();
  if (last !== undefined && last + window.durationMs > at) return { start: last, end: last + window.durationMs };
  const next = cron.nextRun(new Date(at))?.getTime();
  return next === undefined ? null : { start: next, end: next + window.durationMs };
}

export class MaintenanceCalendar implements MaintenanceLookup {
  private readonly byId = new Map<string, Compiled>();
  /** Windows by connection (null: for all), so a lookup reads only its own. */
  private readonly byTarget = new Map<string | null, Set<Compiled>>();

  constructor(windows: MaintenanceWindowInput[] = []) {
    for (const w of windows) this.set(w);
  }

  /** Adds a window or replaces the one with its id; throws a ZodError on a bad one. */
  set(input: MaintenanceWindowInput): MaintenanceWindow {
    const window = maintenanceWindowSchema.parse(input);
    this.remove(window.id);
    const compiled = compile(window);
    this.byId.set(window.id, compiled);
    const group = this.byTarget.get(window.targetId) ?? new Set();
    group.add(compiled);
    this.byTarget.set(window.targetId, group);
    return window;
  }

  remove(id: string): void {
    const compiled = this.byId.get(id);
    if (!compiled) return;
    this.byId.delete(id);
    const group = this.byTarget.get(compiled.window.targetId)!;
    group.delete(compiled);
    if (group.size === 0) this.byTarget.delete(compiled.window.targetId);
  }

  /** The window occurrence covering `at` for this target, the one ending last if several do. */
  current(targetId: string, at: number): Occurrence | null {
    let best: Occurrence | null = null;
    for (const group of [this.byTarget.get(targetId), this.byTarget.get(null)]) {
      for (const c of group ?? []) {
        const span = c.occurrence(at);
        if (span && at < span.end && (!best || span.end > best.end)) best = { window: c.window, ...span };
      }
    }
    return best;
  }

  windows(): MaintenanceWindow[] {
    return [...this.byId.values()].map((c) => c.window);
  }

  isInMaintenance(targetId: string, at: number): boolean {
    return this.current(targetId, at) !== null;
  }
}

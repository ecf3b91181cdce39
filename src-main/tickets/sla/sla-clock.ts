/**
 * A ticket's SLA clocks, computed from its events and the policy version it
 * started under: pure, no clock of its own, no I/O, no counters kept in
 * memory. After a restart, a laptop's sleep or an import the same events
 * give the same clocks.
 *
 * Rules:
 * - Two clocks per ticket. First response counts from creation until the
 *   ticket leaves New or gets a reply for the requester. Resolution counts
 *   from creation until it is resolved or closed, pauses while it is
 *   pending, and counts on from where it was when it is reopened.
 * - Time counts only in the calendar of the priority in force at that
 *   moment (null: 24/7); the targets are the current priority's, so raising
 *   the priority shortens the time left at once.
 * - A clock is at risk from the policy's share of its target (atRiskPercent),
 *   breached at the target; Emergency's resolution clock also has the
 *   medical-emergency escalation (escalateAfterMinutes, 15 by default).
 * - A stopped clock met its target when it stopped at or before it; a
 *   counting clock is breached from its due time on.
 * - Marks (at risk, escalation, breached) are reached at the instants the
 *   counted time crossed them; a clock that stopped never reaches another.
 *   The scheduler records each reached mark once per clock and priority.
 *
 * A snapshot is the clocks as of the ticket's last event; what they show at
 * any later moment follows from it without the events (the queue's rows).
 */
import type { BusinessCalendar, ClockId, Priority, SlaClock, SlaMark, SlaPolicy, TicketClocks, TicketEvent } from '../../../src-shared/tickets';
import { applyEvent, markKey, type TicketState } from '../derive';
import { addWorking, inHours, workingBetween, type Calendar } from './calendar';

const MINUTE = 60_000;

export type ClockState = 'running' | 'paused' | 'stopped';

export interface ClockSnapshot {
  /** The counted time when the snapshot was taken (the last event). */
  elapsedMs: number;
  state: ClockState;
  /** The instants the target, the at-risk share and the escalation were (or will be, counting on) reached; null when not. */
  dueAt: number | null;
  riskAt: number | null;
  escalateAt: number | null;
}

export interface ClocksSnapshot {
  asOf: number;
  priority: Priority;
  /** The calendar the clocks count in from asOf on; null for 24/7. */
  calendarId: string | null;
  firstResponse: ClockSnapshot;
  resolution: ClockSnapshot;
}

export interface ReachedMark {
  clock: ClockId;
  mark: SlaMark;
  at: number;
  key: string;
}

export function calendarOf(policy: SlaPolicy, id: string | null): Calendar {
  if (id === null) return null;
  return policy.calendars.find((c: BusinessCalendar) => c.id === id) ?? null;
}

function targetMs(policy: SlaPolicy, priority: Priority, clock: ClockId): number {
  const rule = policy.priorities[priority];
  return (clock === 'firstResponse' ? rule.firstResponseMinutes : rule.resolutionMinutes) * MINUTE;
}

const riskMs = (policy: SlaPolicy, priority: Priority, clock: ClockId) => Math.floor((targetMs(policy, priority, clock) * policy.priorities[priority].atRiskPercent) / 100);

function escalationMs(policy: SlaPolicy, priority: Priority, clock: ClockId): number | null {
  const minutes = policy.priorities[priority].escalateAfterMinutes;
  return clock === 'resolution' && minutes !== null ? minutes * MINUTE : null;
}

function clockStateOf(clock: ClockId, s: TicketState): ClockState {
  if (clock === 'firstResponse') return s.firstResponseAt === null ? 'running' : 'stopped';
  if (s.status === 'resolved' || s.status === 'closed') return 'stopped';
  return s.status === 'pending' ? 'paused' : 'running';
}

interface Segment {
  start: number;
  /** null: counting on from the last event. */
  end: number | null;
  cal: Calendar;
  before: number;
}

/** The instant the counted time reaches `ms`: in the segment it does, or null. */
function crossing(segments: readonly Segment[], ms: number | null): number | null {
  if (ms === null) return null;
  for (const seg of segments) {
    const length = seg.end === null ? Infinity : workingBetween(seg.cal, seg.start, seg.end);
    if (seg.before + length >= ms) return addWorking(seg.cal, seg.start, ms - seg.before);
  }
  return null;
}

function snapshotClock(policy: SlaPolicy, clock: ClockId, points: ReadonlyArray<{ at: number; state: TicketState }>): ClockSnapshot {
  const segments: Segment[] = [];
  let elapsed = 0;
  points.forEach((p, i) => {
    if (clockStateOf(clock, p.state) !== 'running') return;
    const end = points[i + 1]?.at ?? null;
    const cal = calendarOf(policy, policy.priorities[p.state.priority].calendarId);
    segments.push({ start: p.at, end, cal, before: elapsed });
    if (end !== null) elapsed += workingBetween(cal, p.at, end);
  });
  const last = points[points.length - 1]!.state;
  const { priority } = last;
  return {
    elapsedMs: elapsed,
    state: clockStateOf(clock, last),
    dueAt: crossing(segments, targetMs(policy, priority, clock)),
    riskAt: crossing(segments, riskMs(policy, priority, clock)),
    escalateAt: crossing(segments, escalationMs(policy, priority, clock)),
  };
}

/** The clocks as of the ticket's last event. */
export function snapshotClocks(policy: SlaPolicy, events: readonly TicketEvent[]): ClocksSnapshot {
  const points: Array<{ at: number; state: TicketState }> = [];
  let state: TicketState | null = null;
  for (const event of events) {
    state = applyEvent(state, event);
    // Events in the same millisecond: the last one's state holds from then on.
    if (points.length > 0 && points[points.length - 1]!.at === event.at) points[points.length - 1] = { at: event.at, state };
    else points.push({ at: event.at, state });
  }
  if (!state) throw new Error('A ticket without events has no clocks');
  return {
    asOf: state.updatedAt,
    priority: state.priority,
    calendarId: policy.priorities[state.priority].calendarId,
    firstResponse: snapshotClock(policy, 'firstResponse', points),
    resolution: snapshotClock(policy, 'resolution', points),
  };
}

function clockAt(policy: SlaPolicy, snap: ClocksSnapshot, clock: ClockId, now: number): SlaClock {
  const c = snap[clock];
  const cal = calendarOf(policy, snap.calendarId);
  const elapsed = c.elapsedMs + (c.state === 'running' ? workingBetween(cal, snap.asOf, now) : 0);
  const target = targetMs(policy, snap.priority, clock);
  const outcome = c.state === 'stopped' ? (elapsed <= target ? 'met' : 'breached') : elapsed >= target ? 'breached' : 'pending';
  return {
    clock,
    targetMs: target,
    elapsedMs: elapsed,
    remainingMs: target - elapsed,
    dueAt: outcome === 'met' ? null : c.dueAt,
    riskAt: c.riskAt,
    state: c.state,
    inHours: c.state === 'running' && inHours(cal, now),
    outcome,
    atRisk: outcome === 'pending' && elapsed >= riskMs(policy, snap.priority, clock),
    calendar: cal?.name ?? null,
  };
}

/** What the clocks show at `now`, from a snapshot taken at or before it with no event since. */
export function clocksAt(policy: SlaPolicy, snap: ClocksSnapshot, now: number): TicketClocks {
  return { firstResponse: clockAt(policy, snap, 'firstResponse', now), resolution: clockAt(policy, snap, 'resolution', now) };
}

/** The clocks straight from the events: what every other function here must agree with. */
export function computeClocks(policy: SlaPolicy, events: readonly TicketEvent[], now: number): TicketClocks {
  return clocksAt(policy, snapshotClocks(policy, events), now);
}

function marksOf(snap: ClocksSnapshot): ReachedMark[] {
  const out: ReachedMark[] = [];
  for (const clock of ['firstResponse', 'resolution'] as const) {
    const c = snap[clock];
    if (c.state === 'stopped') continue;
    const candidates: Array<[SlaMark, number | null]> = [
      ['at_risk', c.riskAt],
      ['escalation', c.escalateAt],
      ['breached', c.dueAt],
    ];
    for (const [mark, at] of candidates) {
      if (at !== null) out.push({ clock, mark, at, key: markKey(clock, mark, snap.priority) });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The marks reached by `now` and not yet recorded, earliest first. */
export function dueMarks(snap: ClocksSnapshot, recorded: readonly string[], now: number): ReachedMark[] {
  return marksOf(snap).filter((m) => m.at <= now && !recorded.includes(m.key));
}

/** When the next unrecorded mark falls (perhaps already past); null when none will without another event. */
export function nextMarkAt(snap: ClocksSnapshot, recorded: readonly string[]): number | null {
  return marksOf(snap).find((m) => !recorded.includes(m.key))?.at ?? null;
}

/** How a ticket stands against its targets: 0 on time, 1 at risk, 2 breached. */
export type SlaLevel = 0 | 1 | 2;

/** The columns the queue sorts and filters on. */
export interface QueueTimes {
  /** The earliest due time of a counting clock: the queue's order. null: nothing counts. */
  dueAt: number | null;
  /** As of `now`: breached when a clock that has not met its target passed it, at risk when one not stopped passed its share. */
  sla: SlaLevel;
}

export function queueTimes(policy: SlaPolicy, snap: ClocksSnapshot, now: number): QueueTimes {
  const ids = ['firstResponse', 'resolution'] as const;
  const breached = ids.some((id) => {
    const c = snap[id];
    const met = c.state === 'stopped' && c.elapsedMs <= targetMs(policy, snap.priority, id);
    return !met && c.dueAt !== null && c.dueAt <= now;
  });
  const atRisk = ids.some((id) => snap[id].state !== 'stopped' && snap[id].riskAt !== null && snap[id].riskAt! <= now);
  const due = ids.map((id) => snap[id]).flatMap((c) => (c.state === 'running' && c.dueAt !== null ? [c.dueAt] : []));
  return { dueAt: due.length > 0 ? Math.min(...due) : null, sla: breached ? 2 : atRisk ? 1 : 0 };
}

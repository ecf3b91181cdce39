import { CLOCK_LABELS, type SlaClock, type TicketRow } from '../../../src-shared/tickets';
import { localMoment } from '../../lib/time';

export type ClockTone = 'ok' | 'risk' | 'breached' | 'paused' | 'done';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A countdown's length to the second while it is short, coarser as it grows: "4 min 05 s", "2 h 10 min", "3 days 4 h". */
export function countdownText(ms: number): string {
  const span = Math.max(0, Math.floor(Math.abs(ms) / SECOND) * SECOND);
  if (span >= DAY) {
    const days = Math.floor(span / DAY);
    return `${days} day${days === 1 ? '' : 's'} ${Math.floor((span % DAY) / HOUR)} h`;
  }
  if (span >= HOUR) return `${Math.floor(span / HOUR)} h ${String(Math.floor((span % HOUR) / MINUTE)).padStart(2, '0')} min`;
  return `${Math.floor(span / MINUTE)} min ${String(Math.floor((span % MINUTE) / SECOND)).padStart(2, '0')} s`;
}

/** Time left on a clock now: counted down from its due time while it runs in hours, as main last said otherwise. */
export function remainingNow(clock: Pick<SlaClock, 'state' | 'inHours' | 'dueAt' | 'remainingMs'>, now: number): number {
  return clock.state === 'running' && clock.inHours && clock.dueAt !== null ? clock.dueAt - now : clock.remainingMs;
}

export interface ClockReading {
  /** "Running", "Paused", "Met", "Breached"… in words, never colour alone. */
  state: string;
  /** "12 min 04 s left", "Overdue by 3 min 10 s", "Met". */
  time: string;
  tone: ClockTone;
}

/** What a clock says now, in words and a tone. */
export function readClock(clock: SlaClock, now: number): ClockReading {
  if (clock.state === 'stopped') {
    return clock.outcome === 'breached' ? { state: 'Breached', time: 'Stopped after its target', tone: 'breached' } : { state: 'Met', time: 'Stopped within its target', tone: 'done' };
  }
  const left = remainingNow(clock, now);
  const time = left > 0 ? `${countdownText(left)} left` : `Overdue by ${countdownText(left)}`;
  if (clock.state === 'paused') return { state: 'Paused', time, tone: 'paused' };
  const state = clock.inHours ? 'Running' : 'Waiting for business hours';
  if (left <= 0 || clock.outcome === 'breached') return { state: `${state}, breached`, time, tone: 'breached' };
  if (clock.atRisk) return { state: `${state}, at risk`, time, tone: 'risk' };
  return { state, time, tone: 'ok' };
}

/** The due time in words: a paused clock has none until it counts again. */
export function dueText(clock: SlaClock, now: number): string {
  if (clock.state === 'paused') return 'None while paused';
  if (clock.dueAt === null) return '—';
  return localMoment(clock.dueAt, now);
}

/** The queue row's countdown: the clock that breaches next, or that none runs. */
export function nextBreachReading(row: TicketRow, now: number): ClockReading & { clock: string } {
  const next = row.nextBreach;
  if (next === null) {
    const breached = row.clocks.firstResponse.outcome === 'breached' || row.clocks.resolution.outcome === 'breached';
    return { clock: 'SLA', state: breached ? 'Breached' : 'Met', time: 'No clock running', tone: breached ? 'breached' : 'done' };
  }
  return { clock: CLOCK_LABELS[next.clock], ...readClock(row.clocks[next.clock], now) };
}

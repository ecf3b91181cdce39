/**
 * Raises each SLA mark once. Every few seconds it asks the store for the
 * tickets whose next unrecorded mark is due (the mark_at column, computed
 * from their events) and records each mark as a ticket event: at risk,
 * the medical-emergency escalation, breached. Recording it is what makes
 * it once: after a restart, a sleep or a clock change the same marks are
 * due, and the recorded ones are not raised again.
 *
 * A recorded mark:
 * - moves the ticket up a tier when the policy says so (the escalation
 *   always does),
 * - raises ticket.slaAtRisk / ticket.slaBreached for the consoles,
 * - goes to notify at the priority's severity (Emergency → SEV1, which
 *   pages), level 1 when at risk and 2 for an escalation or a breach,
 * - is audited under the 'scheduler' actor.
 * When a ticket whose marks were notified is resolved, the channels told
 * are told it is resolved (PagerDuty closes its incident).
 */
import { CLOCK_LABELS, PRIORITY_LABELS, PRIORITY_SEVERITY, ticketNumberLabel, type SlaMark, type TicketEvent, type Tier } from '../../../src-shared/tickets';
import { auditTarget, type AuditWriter } from '../../audit';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events';
import type { Logger } from '../../log';
import type { NotifyApi } from '../../notify';
import { redact } from '../../phi';
import type { TicketState } from '../derive';
import type { TicketWriter } from '../service/ticket-writer';
import type { EventDraft, TicketRepo } from '../store/ticket-repo';
import type { PolicyRepo } from './policies';
import { dueMarks, type ClocksSnapshot } from './sla-clock';

export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SlaSchedulerDeps {
  writer: TicketWriter;
  repo: TicketRepo;
  policies: PolicyRepo;
  events: EventBus;
  notify: Pick<NotifyApi, 'notice'>;
  audit: AuditWriter;
  log: Logger;
  clock: Clock;
  timers: SchedulerTimers;
}

// Often enough for a 15-minute escalation to be on time within seconds.
export const SLA_TICK_MS = 5_000;
// Tickets per turn of the event loop: after a long sleep thousands may be due, and the consoles must stay answered meanwhile.
const BATCH = 100;
const ACTOR = 'scheduler';

const LEVEL: Record<SlaMark, number> = { at_risk: 1, escalation: 2, breached: 2 };

const noticeKey = (ticketId: string) => `vigil/ticket/${ticketId}/sla`;

export class SlaScheduler {
  private handle: unknown = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: SlaSchedulerDeps) {
    this.unsubscribe = deps.events.subscribe(({ event, payload }) => {
      if (event !== 'ticket.changed') return;
      const { ticketId, type } = payload as { ticketId: string | null; type: string };
      if (ticketId !== null && type === 'status') this.onStatus(ticketId);
    });
  }

  start(): void {
    this.arm();
  }

  /** Records the marks due by now of up to BATCH tickets; true when more may be waiting. */
  private runBatch(): boolean {
    const now = this.deps.clock.now();
    const ids = this.deps.repo.markedBy(now, BATCH);
    let failed = 0;
    for (const id of ids) {
      try {
        this.record(id, now);
      } catch (err) {
        failed++;
        this.deps.log.error('an SLA mark could not be recorded; the next tick tries again', { ticketId: id, error: err });
      }
    }
    // A batch of failures waits for the next tick rather than spinning on the same tickets.
    return ids.length === BATCH && failed < ids.length;
  }

  close(): void {
    this.stopped = true;
    this.unsubscribe();
    if (this.handle !== null) this.deps.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private arm(delay = SLA_TICK_MS): void {
    if (this.stopped) return;
    this.handle = this.deps.timers.setTimeout(() => this.arm(this.runBatch() ? 0 : SLA_TICK_MS), delay);
  }

  private record(id: string, now: number): void {
    const { writer, policies } = this.deps;
    const committed = writer.change(id, (state, clocks) => {
      const rule = policies.get(state.policyVersion).policy.priorities[state.priority];
      let tier = state.tier;
      return dueMarks(clocks, state.marks, now).map((m): EventDraft => {
        const moves = m.mark === 'escalation' || (m.mark === 'at_risk' && rule.tierUpOnAtRisk) || (m.mark === 'breached' && rule.tierUpOnBreach);
        const to = (moves ? Math.min(4, tier + 1) : tier) as Tier;
        const changes = to === tier ? [] : [{ field: 'tier' as const, before: tier, after: to }];
        tier = to;
        return {
          type: 'sla',
          at: writer.at(state),
          actor: ACTOR,
          changes,
          data: { sla: { clock: m.clock, mark: m.mark, priority: state.priority, dueAt: clocks[m.clock].dueAt, level: LEVEL[m.mark] } },
        };
      });
    });
    for (const e of committed.events) this.raise(committed.state, committed.clocks, e);
  }

  private raise(state: TicketState, clocks: ClocksSnapshot, e: TicketEvent): void {
    const sla = e.data.sla!;
    const severity = PRIORITY_SEVERITY[sla.priority];
    const base = { ticketId: state.id, number: state.number, clock: sla.clock, priority: sla.priority, dueAt: clocks[sla.clock].dueAt, severity };
    if (sla.mark === 'breached') this.deps.events.emit('ticket.slaBreached', base);
    else this.deps.events.emit('ticket.slaAtRisk', { ...base, mark: sla.mark });
    const tierChange = e.changes.find((c) => c.field === 'tier');
    const what = sla.mark === 'breached' ? 'breached its target' : sla.mark === 'escalation' ? 'is still unresolved at its escalation time' : 'is at risk';
    this.deps.notify.notice({
      key: noticeKey(state.id),
      subjectId: `ticket:${state.id}`,
      subject: { name: `${ticketNumberLabel(state.number)} (${PRIORITY_LABELS[state.priority]})` },
      event: 'triggered',
      severity,
      level: sla.level,
      rule: `ticket.sla.${sla.mark}`,
      summary: `${CLOCK_LABELS[sla.clock]} ${what}${tierChange ? `; moved to Tier ${String(tierChange.after)}` : ''}: ${redact(state.title)}`,
      openedAt: state.createdAt,
      details: { ticket: ticketNumberLabel(state.number), clock: sla.clock, mark: sla.mark, priority: sla.priority, tier: state.tier },
    });
    this.deps.audit.record(ACTOR, {
      action: 'tickets.sla',
      target: auditTarget.ticket(state.id),
      detail: { number: ticketNumberLabel(state.number), clock: sla.clock, mark: sla.mark, priority: sla.priority, ...(tierChange ? { tier: tierChange.after } : {}) },
    });
  }

  /** A ticket resolved after its SLA was notified: the channels told hear that it is resolved. */
  private onStatus(ticketId: string): void {
    try {
      const events = this.deps.repo.events(ticketId);
      const last = events[events.length - 1];
      const to = last?.changes.find((c) => c.field === 'status');
      const resolvedNow = last?.type === 'status' && to && (to.after === 'resolved' || to.after === 'closed') && to.before !== 'resolved' && to.before !== 'closed';
      const levels = events.flatMap((e) => (e.data.sla && e.data.sla.level > 0 ? [e.data.sla] : []));
      if (!resolvedNow || levels.length === 0) return;
      const state = this.deps.repo.find(ticketId)!.state;
      // The most severe the triggers went out with: the same channels hear the end.
      const severity = levels.map((l) => PRIORITY_SEVERITY[l.priority]).sort()[0]!;
      this.deps.notify.notice({
        key: noticeKey(ticketId),
        subjectId: `ticket:${ticketId}`,
        subject: { name: `${ticketNumberLabel(state.number)} (${PRIORITY_LABELS[state.priority]})` },
        event: 'resolved',
        severity,
        level: Math.max(...levels.map((l) => l.level)),
        rule: 'ticket.sla.resolved',
        summary: `Resolved: ${redact(state.title)}`,
        openedAt: state.createdAt,
        resolvedAt: last!.at,
        details: { ticket: ticketNumberLabel(state.number) },
      });
    } catch (err) {
      this.deps.log.error('the resolution of a ticket whose SLA was notified could not be sent', { ticketId, error: err });
    }
  }
}

/**
 * Tickets from alerts. Rules:
 * - An alert opening (or worsening into the rules' least severity) opens
 *   one ticket for its incident: the alert id is linked to one ticket only,
 *   checked inside the transaction that opens it, so reminders and updates
 *   never open a second.
 * - Its priority comes from the rules: by severity, for a clinical target
 *   or another (SEV1 → Emergency on a clinical target, else Critical; SEV2
 *   → High; SEV3 → Medium by default). A clinical target is any EHR
 *   connection while `clinical.allConnections` is on, and every target
 *   listed in `clinical.targets`. A connection that goes DOWN is System
 *   downtime, one of the emergency categories.
 * - The alert's acknowledgement, escalations, worsening and resolution
 *   appear on the ticket's timeline, each once. A recovery (or a person
 *   resolving the alert) proposes resolving the ticket; nothing resolves it
 *   but a person.
 * - An alert another service raised (the safety score's) is ticketed by
 *   that service; its life is noted on that ticket as any other's.
 * - The ticket links back to the alert and to its connection. What Vigil
 *   does here is audited under the 'vigil' actor.
 */
import { atLeast, connectionIdOf, isExternalAlertSource, type AlertView } from '../../../src-shared/monitoring';
import { ticketNumberLabel, type AlertHappening, type AlertTicketRules, type Priority, type TicketLink } from '../../../src-shared/tickets';
import { auditTarget, type AuditWriter } from '../../audit';
import type { EventBus } from '../../events';
import type { Logger } from '../../log';
import type { MonitorApi } from '../../monitor';
import type { TicketState } from '../derive';
import { openingDrafts } from '../service/ticket-service';
import type { TicketWriter } from '../service/ticket-writer';
import type { EventDraft, TicketRepo } from '../store/ticket-repo';
import type { AlertRulesRepo } from './alert-rules-repo';

export interface AlertTicketsDeps {
  writer: TicketWriter;
  repo: TicketRepo;
  rules: AlertRulesRepo;
  audit: AuditWriter;
  log: Logger;
  monitor: Pick<MonitorApi, 'alert'>;
}

const ACTOR = 'vigil';
const TITLE_MAX = 200;

export function isClinical(rules: AlertTicketRules, targetId: string): boolean {
  return (rules.clinical.allConnections && connectionIdOf(targetId) !== null) || rules.clinical.targets.includes(targetId);
}

/** The priority the rules give an alert's ticket. */
export function alertPriority(rules: AlertTicketRules, alert: Pick<AlertView, 'severity' | 'targetId'>): Priority {
  const bySeverity = rules.priorities[alert.severity];
  return isClinical(rules, alert.targetId) ? bySeverity.clinical : bySeverity.other;
}

function links(alert: AlertView): TicketLink[] {
  const connectionId = connectionIdOf(alert.targetId);
  return [
    ...(connectionId === null ? [] : [{ kind: 'connection' as const, ref: String(connectionId), label: alert.targetName }]),
    { kind: 'alert', ref: alert.id, label: alert.title },
  ];
}

function happening(alert: AlertView, happened: AlertHappening, at: number): EventDraft {
  const by = happened === 'acknowledged' ? (alert.acknowledged?.by ?? null) : happened === 'resolved' ? (alert.resolved?.by ?? null) : null;
  return { type: 'alert', at, actor: ACTOR, changes: [], data: { alert: { alertId: alert.id, happened, severity: alert.severity, level: alert.escalation.level, by } } };
}

export class AlertTickets {
  constructor(private readonly deps: AlertTicketsDeps) {}

  /** Follows the monitor's alert events for as long as the returned function is not called. */
  follow(events: EventBus): () => void {
    return events.subscribe(({ event, payload }) => {
      if (event !== 'alert.opened' && event !== 'alert.updated') return;
      // The monitor emits these as it decides: a ticket that cannot be written must not stop it.
      try {
        this.onAlert((payload as { alert: AlertView }).alert);
      } catch (err) {
        this.deps.log.error('an alert could not be turned into (or noted on) its ticket', { alertId: (payload as { alert: AlertView }).alert.id, error: err });
      }
    });
  }

  /** After a start: whatever happened to linked alerts while nobody listened is noted now. */
  catchUp(): void {
    for (const ticketId of this.deps.repo.openWithAlerts()) {
      const state = this.deps.repo.find(ticketId)?.state;
      for (const link of state?.links.filter((l) => l.kind === 'alert') ?? []) {
        const alert = this.deps.monitor.alert(link.ref);
        if (alert) this.onAlert(alert);
      }
    }
  }

  onAlert(alert: AlertView): void {
    const ticketId = this.deps.repo.byAlert(alert.id);
    if (ticketId === null) this.open(alert);
    else this.note(ticketId, alert);
  }

  private open(alert: AlertView): void {
    const rules = this.deps.rules.get();
    if (!rules.enabled || alert.status === 'resolved' || !atLeast(alert.severity, rules.minSeverity)) return;
    // Its service opens the ticket its own way (safety: an Emergency, clinical) and links the alert.
    if (isExternalAlertSource(alert.targetId)) return;
    const { writer, repo } = this.deps;
    const priority = alertPriority(rules, alert);
    const committed = writer.open((ids) => {
      // Decided here, inside the transaction: one ticket per alert incident.
      if (repo.byAlert(alert.id) !== null) return [];
      const at = writer.at(null);
      const title = `${alert.severity} ${alert.targetName}: ${alert.title}`;
      const input = {
        title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title,
        description: `${alert.detail}\n\nOpened by Vigil from alert ${alert.id} (${alert.rule}) on ${alert.targetName}.`,
        requester: { name: 'Vigil monitor', department: '', contact: '' },
        priority,
        category: connectionIdOf(alert.targetId) === null ? ('technical' as const) : ('integration' as const),
        emergency: priority === 'emergency' && alert.rule === 'health' ? ('system_downtime' as const) : null,
        tags: ['alert', alert.rule.replace(/[^\p{L}\p{N} _.:/-]/gu, '-').slice(0, 40)],
        assignee: null,
        tier: 1 as const,
        links: links(alert),
      };
      return [...openingDrafts(ids, input, ACTOR, at, 'alert'), ...this.happenings(alert, null, at)];
    });
    if (!committed) return;
    const { state } = committed;
    this.deps.audit.record('vigil', {
      action: 'tickets.create',
      target: auditTarget.ticket(state.id),
      detail: { number: ticketNumberLabel(state.number), alertId: alert.id, severity: alert.severity, priority: state.priority },
    });
  }

  private note(ticketId: string, alert: AlertView): void {
    const { writer } = this.deps;
    writer.change(ticketId, (state) => this.happenings(alert, state, writer.at(state)));
  }

  /** What the ticket's timeline does not show yet of the alert's life. */
  private happenings(alert: AlertView, state: TicketState | null, at: number): EventDraft[] {
    const seen = state?.alerts[alert.id];
    const drafts: EventDraft[] = [];
    const add = (happened: AlertHappening) => drafts.push(happening(alert, happened, at));
    if (!seen) add('opened');
    else if (alert.severity !== seen.severity && atLeast(alert.severity, seen.severity)) add('worsened');
    if (alert.acknowledged && !seen?.happened.includes('acknowledged')) add('acknowledged');
    if (seen && alert.escalation.level > seen.level) add('escalated');
    if (alert.status === 'resolved' && !seen?.happened.includes('resolved')) {
      add('resolved');
      const proposes = alert.resolved?.reason !== 'merged' && state !== null && state.status !== 'resolved' && state.status !== 'closed' && state.resolveProposal === null;
      if (proposes) drafts[drafts.length - 1]!.changes.push({ field: 'resolveProposal', before: null, after: alert.id });
    }
    return drafts;
  }
}

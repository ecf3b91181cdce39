/**
 * One ticket as its detail pane shows it: the ticket with its clocks, its
 * timeline and comments (redacted unless revealed), its alerts and its
 * connection as the monitor has them now, what Vigil suggests from its text
 * and alerts, the articles for it, and what the caller may do with it.
 */
import type { TicketDetail } from '../../src-shared/contract';
import { can } from '../../src-shared/roles';
import type { AlertView } from '../../src-shared/monitoring';
import type { Suggestion } from '../../src-shared/tickets';
import type { Clock } from '../clock';
import type { ConnectionsApi } from '../connections';
import type { Caller } from '../dispatch';
import type { KbApi } from '../kb';
import type { MonitorApi } from '../monitor';
import { alertPriority } from './alerts/alert-tickets';
import type { AlertRulesRepo } from './alerts/alert-rules-repo';
import type { TicketState } from './derive';
import { commentsView, ticketView, timelineView } from './service/ticket-view';
import type { PolicyRepo } from './sla/policies';
import type { StoredTicket, TicketRepo } from './store/ticket-repo';
import { suggestFor } from './suggest/suggest';

const SUGGESTED_ARTICLES = 5;

/** Safety officers comment on and follow the tickets that touch patient care; triagers any. */
export function mayFollow(caller: Caller, s: TicketState): boolean {
  return can(caller.role, 'tickets.triage') || s.category === 'clinical' || s.emergency === 'patient_safety';
}

export interface TicketDetailsDeps {
  repo: TicketRepo;
  policies: PolicyRepo;
  alertRules: AlertRulesRepo;
  kb: KbApi;
  monitor: Pick<MonitorApi, 'alert' | 'board'>;
  connections: Pick<ConnectionsApi, 'find'>;
  clock: Clock;
}

export class TicketDetails {
  constructor(private readonly deps: TicketDetailsDeps) {}

  /** Suggestions and articles for a text and the alerts it is about; the suggestion reads the clear text, its answer quotes none of it. */
  suggest(text: string, alertIds: readonly string[]): { suggestion: Suggestion; articles: TicketDetail['articles']; alerts: AlertView[] } {
    const { monitor, kb, alertRules } = this.deps;
    const alerts = alertIds.flatMap((id) => monitor.alert(id) ?? []);
    const all = `${text}\n${alerts.map((a) => `${a.title}: ${a.detail}`).join('\n')}`;
    const codes = kb.codesIn(all);
    const first = alerts[0];
    const alert = first ? { severity: first.severity, priority: alertPriority(alertRules.get(), first) } : null;
    return { suggestion: suggestFor({ text, codes, alert }), articles: kb.suggest(codes, all, SUGGESTED_ARTICLES), alerts };
  }

  of({ state, clocks }: StoredTicket, caller: Caller, masked: boolean): TicketDetail {
    const { repo, policies, connections, monitor, clock } = this.deps;
    const now = clock.now();
    const events = repo.events(state.id);
    const alertIds = state.links.filter((l) => l.kind === 'alert').map((l) => l.ref);
    const { suggestion, articles, alerts } = this.suggest(`${state.title}\n${state.description}`, alertIds);
    const link = state.links.find((l) => l.kind === 'connection');
    const record = link ? connections.find(Number(link.ref)) : null;
    const tile = record ? monitor.board().find((t) => t.targetId === `conn:${record.id}`) : undefined;
    return {
      ticket: ticketView(state, clocks, policies.get(state.policyVersion).policy, now, masked),
      masked,
      timeline: timelineView(events, masked),
      comments: commentsView(events, masked),
      alerts,
      connection: record ? { id: record.id, name: record.config.name, state: tile?.status.state ?? null, reason: tile?.status.reason ?? null } : null,
      suggestion,
      articles,
      can: {
        triage: can(caller.role, 'tickets.triage'),
        comment: can(caller.role, 'tickets.follow') && mayFollow(caller, state),
        reveal: can(caller.role, 'phi.view'),
        exportClear: caller.role === 'admin',
      },
      now,
    };
  }
}

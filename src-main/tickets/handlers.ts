/** Contract handlers for triage: the ticket service's answers as envelopes, text redacted unless revealed. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { can } from '../../src-shared/roles';
import { ticketNumberLabel, type TicketFilter, type TicketSort } from '../../src-shared/tickets';
import { auditTarget } from '../audit';
import type { Clock } from '../clock';
import type { ConnectionsApi } from '../connections';
import { DispatchError, type Caller, type HandlerContext, type HandlerTable } from '../dispatch';
import type { KbApi } from '../kb';
import type { MonitorApi } from '../monitor';
import type { UsersApi } from '../users';
import type { AlertRulesRepo } from './alerts/alert-rules-repo';
import type { TicketState } from './derive';
import { TicketConflictError, TicketInputError, TicketNotFoundError } from './service/errors';
import type { Guard, TicketService } from './service/ticket-service';
import { commentsView, ticketRow, ticketView } from './service/ticket-view';
import type { Committed } from './service/ticket-writer';
import { PolicyVersionConflictError, type PolicyRepo } from './sla/policies';
import { countQueue, queryQueue } from './store/queue-query';
import type { StoredTicket, TicketRepo } from './store/ticket-repo';
import type { ViewsRepo } from './store/views-repo';
import { LinkInput } from './link-input';
import { mayFollow, TicketDetails } from './ticket-detail';
import { exportCsv } from './transfer/export-csv';
import type { TicketImporter } from './transfer/importer';

export type TicketChannels =
  | 'tickets.list'
  | 'tickets.count'
  | 'tickets.get'
  | 'tickets.reveal'
  | 'tickets.suggest'
  | 'tickets.assignees'
  | 'tickets.create'
  | 'tickets.update'
  | 'tickets.assign'
  | 'tickets.escalate'
  | 'tickets.setStatus'
  | 'tickets.comment'
  | 'tickets.follow'
  | 'tickets.link'
  | 'tickets.csat'
  | 'tickets.import'
  | 'tickets.export'
  | 'tickets.views.list'
  | 'tickets.views.save'
  | 'tickets.views.delete'
  | 'sla.policies.get'
  | 'sla.policies.save'
  | 'tickets.alertRules.get'
  | 'tickets.alertRules.set';

export interface TicketHandlerDeps {
  db: Database.Database;
  repo: TicketRepo;
  service: TicketService;
  policies: PolicyRepo;
  views: ViewsRepo;
  importer: TicketImporter;
  alertRules: AlertRulesRepo;
  kb: KbApi;
  monitor: Pick<MonitorApi, 'alert' | 'board'>;
  connections: Pick<ConnectionsApi, 'find'>;
  users: Pick<UsersApi, 'list'>;
  clock: Clock;
  /** The installation's salted patient reference (phi/patient-ref.ts). */
  patientRef(patientId: string): Promise<string>;
}

/** The most rows one export holds: a view larger than this is cut, and the answer says so. */
export const EXPORT_MAX_ROWS = 100_000;

/** The service's refusals as the caller should see them. */
function answer<T>(act: () => T): T {
  try {
    return act();
  } catch (err) {
    if (err instanceof TicketNotFoundError) throw new DispatchError('NOT_FOUND', err.message);
    if (err instanceof TicketConflictError || err instanceof PolicyVersionConflictError) throw new DispatchError('CONFLICT', err.message);
    if (err instanceof TicketInputError) throw new DispatchError('INVALID_INPUT', err.message, [{ path: err.path, message: err.message }]);
    throw err;
  }
}

// Every ticket channel needs a session, so there always is a caller.
const callerOf = (ctx: HandlerContext): Caller => ctx.caller!;

export function ticketHandlers(deps: TicketHandlerDeps): HandlerTable<TicketChannels> {
  const { repo, service, policies, clock } = deps;
  const details = new TicketDetails(deps);
  const links = new LinkInput(deps);
  const policyOf = (s: TicketState) => policies.get(s.policyVersion).policy;
  const shown = (c: Committed) => ({ ticket: ticketView(c.state, c.clocks, policyOf(c.state), clock.now()) });
  const owner = (alertId: string) => repo.byAlert(alertId);
  const states = (numbers: number[]) => repo.states(numbers);
  const audited = (ctx: HandlerContext, s: TicketState, detail: Record<string, unknown> = {}) =>
    ctx.audit({ target: auditTarget.ticket(s.id), detail: { number: ticketNumberLabel(s.number), ...detail } });
  const guardFollow =
    (caller: Caller): Guard =>
    (s) => {
      if (!mayFollow(caller, s)) throw new DispatchError('FORBIDDEN', `Your role may comment on and follow clinical and patient-safety tickets only; ${ticketNumberLabel(s.number)} is neither.`);
    };

  const load = (input: { id: string } | { number: number }): StoredTicket => {
    const found = 'id' in input ? repo.find(input.id) : repo.findByNumber(input.number);
    if (!found) throw new DispatchError('NOT_FOUND', `There is no ticket ${'id' in input ? input.id : ticketNumberLabel(input.number)}.`);
    return found;
  };

  const assignable = (username: string) => deps.users.list().some((u) => u.username === username && !u.disabled && can(u.role, 'tickets.triage'));

  function exportRows(filter: TicketFilter, sort: TicketSort, caller: Caller) {
    const found: TicketState[] = [];
    let cursor: string | undefined;
    let truncated = false;
    for (;;) {
      const page = queryQueue(deps.db, states, { filter, sort, limit: 500, cursor, caller: caller.username });
      found.push(...page.tickets.map((t) => t.state));
      if (found.length >= EXPORT_MAX_ROWS) {
        truncated = page.nextCursor !== null || found.length > EXPORT_MAX_ROWS;
        found.length = Math.min(found.length, EXPORT_MAX_ROWS);
        break;
      }
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    return { states: found, truncated };
  }

  return {
    'tickets.list': ({ filter, sort, limit, cursor }, ctx) => {
      const now = clock.now();
      const page = answer(() => queryQueue(deps.db, states, { filter, sort, limit, cursor, caller: callerOf(ctx).username }));
      return { tickets: page.tickets.map((t) => ticketRow(t.state, t.clocks, policyOf(t.state), now)), nextCursor: page.nextCursor, now };
    },

    'tickets.count': ({ filter }, ctx) => countQueue(deps.db, { filter, caller: callerOf(ctx).username }),

    'tickets.get': (input, ctx) => details.of(load(input), callerOf(ctx), true),

    'tickets.reveal': ({ id, reason }, ctx) => {
      const found = load({ id });
      audited(ctx, found.state, { reason });
      return details.of(found, callerOf(ctx), false);
    },

    'tickets.suggest': ({ title, description, alertId }) => {
      if (alertId !== undefined && !deps.monitor.alert(alertId)) throw new DispatchError('NOT_FOUND', 'There is no such alert.');
      const { suggestion: suggested, articles } = details.suggest(`${title}\n${description}`, alertId === undefined ? [] : [alertId]);
      return { suggestion: suggested, articles };
    },

    'tickets.assignees': () => ({
      people: deps.users
        .list()
        .filter((u) => !u.disabled && can(u.role, 'tickets.triage'))
        .map((u) => ({ username: u.username, displayName: u.displayName, role: u.role })),
    }),

    'tickets.create': async (input, ctx) => {
      const caller = callerOf(ctx);
      const assignee = input.assignee === 'me' ? caller.username : input.assignee;
      if (assignee !== null && !assignable(assignee)) throw new DispatchError('INVALID_INPUT', `${assignee} cannot take tickets.`, [{ path: ['assignee'], message: 'Not someone who triages tickets' }]);
      const resolved = await links.resolveAll(input.links);
      const committed = answer(() => service.create({ ...input, assignee, links: resolved }, caller.username, owner));
      audited(ctx, committed.state, { priority: committed.state.priority, category: committed.state.category });
      return shown(committed);
    },

    'tickets.update': ({ id, changes }, ctx) => {
      const committed = answer(() => service.update(id, changes, callerOf(ctx).username));
      audited(ctx, committed.state, { fields: [...new Set(committed.events.flatMap((e) => e.changes.map((c) => c.field)))] });
      return shown(committed);
    },

    'tickets.assign': ({ id, assignee, expected }, ctx) => {
      const caller = callerOf(ctx);
      const to = assignee === 'me' ? caller.username : assignee;
      const saw = expected === 'me' ? caller.username : expected;
      if (to !== null && !assignable(to)) throw new DispatchError('INVALID_INPUT', `${to} cannot take tickets.`, [{ path: ['assignee'], message: 'Not someone who triages tickets' }]);
      const committed = answer(() => service.assign(id, to, saw, caller.username));
      audited(ctx, committed.state, { assignee: to });
      return shown(committed);
    },

    'tickets.escalate': ({ id, tier, reason }, ctx) => {
      const committed = answer(() => service.escalate(id, tier, reason, callerOf(ctx).username));
      audited(ctx, committed.state, { tier: committed.state.tier });
      return shown(committed);
    },

    'tickets.setStatus': ({ id, status, pendingReason }, ctx) => {
      const committed = answer(() => service.setStatus(id, status, pendingReason, callerOf(ctx).username));
      audited(ctx, committed.state, { status, ...(pendingReason ? { pendingReason } : {}) });
      return shown(committed);
    },

    'tickets.comment': ({ id, visibility, body }, ctx) => {
      const caller = callerOf(ctx);
      const { committed, comment } = answer(() => service.comment(id, visibility, body, caller.username, guardFollow(caller)));
      audited(ctx, committed.state, { visibility });
      return { ...shown(committed), comment: commentsView(committed.events)[0] ?? comment };
    },

    'tickets.follow': ({ id, follow }, ctx) => {
      const caller = callerOf(ctx);
      const committed = answer(() => service.follow(id, caller.username, follow, caller.username, guardFollow(caller)));
      audited(ctx, committed.state, { follow });
      return shown(committed);
    },

    'tickets.link': async ({ id, link, remove }, ctx) => {
      const resolved = await links.resolve(link);
      const committed = answer(() => service.link(id, resolved, remove, callerOf(ctx).username, owner));
      // The patient's ref, never the id typed in.
      audited(ctx, committed.state, { link: resolved.kind, ref: resolved.ref, remove });
      return shown(committed);
    },

    'tickets.csat': ({ id, score, comment }, ctx) => {
      const committed = answer(() => service.csat(id, score, comment, callerOf(ctx).username));
      audited(ctx, committed.state, { score });
      return shown(committed);
    },

    'tickets.import': ({ format, content, mode }, ctx) => {
      const outcome = deps.importer.run(format, content, mode);
      ctx.audit({ target: auditTarget.tickets(), detail: { format, mode, rows: outcome.rows, valid: outcome.valid, imported: outcome.imported, issues: outcome.issueCount } });
      return outcome;
    },

    'tickets.export': ({ filter, sort, reveal }, ctx) => {
      const caller = callerOf(ctx);
      if (reveal && caller.role !== 'admin') throw new DispatchError('FORBIDDEN', 'Only an admin may export tickets in clear; the export is redacted without a reason.');
      const { states, truncated } = exportRows(filter, sort, caller);
      const content = exportCsv(
        states.map((state) => ({ state, events: repo.events(state.id) })),
        reveal === undefined,
      );
      ctx.audit({ target: auditTarget.tickets(), detail: { rows: states.length, redacted: reveal === undefined, filter, ...(reveal ? { reason: reveal.reason } : {}) } });
      const stamp = new Date(clock.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
      return { fileName: `vigil-tickets-${stamp}.csv`, content, rows: states.length, redacted: reveal === undefined, truncated };
    },

    'tickets.views.list': (_input, ctx) => ({ views: deps.views.list(callerOf(ctx).username) }),

    'tickets.views.save': (view, ctx) => {
      const saved = answer(() => deps.views.save(callerOf(ctx).username, view, clock.now()));
      ctx.audit({ target: auditTarget.ticketView(saved.id), detail: { name: saved.name } });
      return saved;
    },

    'tickets.views.delete': ({ id }, ctx) => {
      ctx.audit({ target: auditTarget.ticketView(id) });
      answer(() => deps.views.delete(callerOf(ctx).username, id));
      return {};
    },

    'sla.policies.get': ({ version }) => {
      const current = policies.current();
      let policy = current;
      if (version !== undefined) {
        try {
          policy = policies.get(version);
        } catch {
          throw new DispatchError('NOT_FOUND', `There is no SLA policy version ${version}.`);
        }
      }
      return { policy, current: current.version, versions: policies.list() };
    },

    'sla.policies.save': ({ policy, baseVersion }, ctx) => {
      const saved = answer(() => policies.save(policy, baseVersion, callerOf(ctx).username, clock.now()));
      ctx.audit({ target: auditTarget.slaPolicy(), detail: { version: saved.version } });
      return saved;
    },

    'tickets.alertRules.get': () => deps.alertRules.get(),

    'tickets.alertRules.set': (rules, ctx) => {
      deps.alertRules.save(rules);
      ctx.audit({ target: auditTarget.ticketAlertRules(), detail: rules });
      return rules;
    },
  };
}

/** Tickets, their clocks and details as main sends them (timed from the tests' fixed NOW), for the Triage screen's tests. */
import type { TicketDetail } from '../../../src-shared/contract';
import type { KbArticle, KbArticleSummary } from '../../../src-shared/contract/kb';
import { ticketNumberLabel, type SlaClock, type Suggestion, type Ticket, type TicketRow } from '../../../src-shared/tickets';
import { MINUTE, NOW } from './harness';

export function clock(overrides: Partial<SlaClock> = {}): SlaClock {
  const targetMs = 30 * MINUTE;
  const elapsedMs = overrides.elapsedMs ?? 10 * MINUTE;
  return {
    clock: 'resolution',
    targetMs,
    elapsedMs,
    remainingMs: targetMs - elapsedMs,
    dueAt: NOW + (targetMs - elapsedMs),
    riskAt: NOW + 12 * MINUTE,
    state: 'running',
    inHours: true,
    outcome: 'pending',
    atRisk: false,
    calendar: null,
    ...overrides,
  };
}

export function row(number: number, overrides: Partial<TicketRow> = {}): TicketRow {
  const resolution = overrides.clocks?.resolution ?? clock({ elapsedMs: (number % 100) * MINUTE });
  const firstResponse = overrides.clocks?.firstResponse ?? clock({ clock: 'firstResponse', state: 'stopped', outcome: 'met', dueAt: null, riskAt: null });
  return {
    id: `t-${number}`,
    number,
    key: ticketNumberLabel(number),
    title: `Ticket ${number}`,
    priority: 'high',
    category: 'technical',
    emergency: null,
    status: 'new',
    pendingReason: null,
    assignee: null,
    tier: 1,
    tags: [],
    createdAt: NOW - 20 * MINUTE,
    updatedAt: NOW - 5 * MINUTE,
    alertLinked: false,
    resolveProposed: false,
    ...overrides,
    clocks: { firstResponse, resolution },
    nextBreach:
      overrides.nextBreach !== undefined
        ? overrides.nextBreach
        : resolution.state === 'stopped'
          ? null
          : { clock: 'resolution', dueAt: resolution.dueAt, remainingMs: resolution.remainingMs, paused: resolution.state === 'paused' },
  };
}

export function ticket(r: TicketRow, overrides: Partial<Ticket> = {}): Ticket {
  return {
    ...r,
    description: 'Lab results do not reach [REDACTED:name]',
    requester: { name: 'Ward 4', department: 'Cardiology', contact: '[REDACTED]' },
    links: [],
    followers: [],
    csat: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    policyVersion: 1,
    origin: 'person',
    resolveProposal: null,
    conflicts: [],
    ...overrides,
  };
}

export function suggestion(overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    priority: { value: 'high', reasons: [] },
    category: { value: 'technical', reasons: [] },
    emergency: null,
    sentiment: { score: 0, comparative: 0, negativeWords: [], strong: false, reason: null },
    errorCodes: [],
    ...overrides,
  };
}

export function articleSummary(id: string, overrides: Partial<KbArticleSummary> = {}): KbArticleSummary {
  return {
    id,
    title: `Article ${id}`,
    category: 'troubleshooting',
    codes: [],
    tags: [],
    excerpt: 'What to check first.',
    revision: 1,
    source: 'shipped',
    helpful: 0,
    notHelpful: 0,
    updatedAt: NOW - 60 * MINUTE,
    match: null,
    ...overrides,
  };
}

export function article(id: string, overrides: Partial<KbArticle> = {}): KbArticle {
  return {
    ...articleSummary(id),
    body: '# Heading\n\nSome text.',
    updatedBy: 'vigil',
    shippedVersion: 1,
    newerShipped: null,
    myVote: null,
    ...overrides,
  };
}

export function detail(t: Ticket, overrides: Partial<TicketDetail> = {}): TicketDetail {
  return {
    ticket: t,
    masked: true,
    timeline: [
      {
        id: `e-${t.id}-1`,
        ticketId: t.id,
        seq: 1,
        workstation: 'ws',
        at: t.createdAt,
        actor: 'otto',
        type: 'created',
        changes: [],
        data: { origin: 'person', policyVersion: 1, number: t.number },
      },
    ],
    comments: [],
    alerts: [],
    connection: null,
    suggestion: suggestion(),
    articles: [],
    can: { triage: true, comment: true, reveal: true, exportClear: false },
    now: NOW,
    ...overrides,
  };
}

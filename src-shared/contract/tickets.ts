/**
 * Triage: the ticket queue in SLA order, a ticket with its clocks and
 * timeline, the triage actions, suggestions, PHI reveal, import and export,
 * saved views, the SLA policies and the alert-to-ticket rules.
 */
import { z } from 'zod';
import { alertViewSchema, CONNECTION_STATES, SEVERITIES } from '../monitoring';
import {
  alertTicketRulesSchema,
  CATEGORIES,
  CLOCK_IDS,
  commentSchema,
  COMMENT_VISIBILITIES,
  EMERGENCY_KINDS,
  IMPORT_FORMATS,
  importIssueSchema,
  PENDING_REASONS,
  PRIORITIES,
  requesterSchema,
  savedViewSchema,
  slaPolicySchema,
  slaPolicyVersionSchema,
  STATUSES,
  suggestionSchema,
  tagSchema,
  ticketEventSchema,
  TICKET_EVENT_TYPES,
  ticketFilterSchema,
  ticketRowSchema,
  ticketSchema,
  TICKET_SORTS,
  ticketTitleSchema,
  tierSchema,
} from '../tickets';
import { roleSchema } from './users';
import { kbArticleSummarySchema } from './kb';
import { channel, empty, epochMs, event } from './define';

const ticketId = z.string().min(1).max(64);
const reason = z.string().trim().min(10, 'Say why, in at least 10 characters').max(500);
const description = z.string().max(20_000);

/** A FHIR logical id: hashed with the installation's salt on the way in, never stored. */
const patientId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'A FHIR id is 1–64 letters, digits, dashes or dots');

export const linkInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connection'), connectionId: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('alert'), alertId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('patient'), patientId }).strict(),
  /** Only for removing: the salted reference the ticket shows. */
  z.object({ kind: z.literal('patientRef'), patientRef: z.string().regex(/^pt_[0-9a-f]{20}$/) }).strict(),
]);

export const newTicketSchema = z
  .object({
    title: ticketTitleSchema,
    description: description.default(''),
    requester: requesterSchema.default({ name: '', department: '', contact: '' }),
    priority: z.enum(PRIORITIES),
    category: z.enum(CATEGORIES),
    /** An emergency category makes the ticket an Emergency whatever priority is given. */
    emergency: z.enum(EMERGENCY_KINDS).nullable().default(null),
    tags: z.array(tagSchema).max(20).default([]),
    assignee: z.string().min(1).max(64).nullable().default(null),
    tier: tierSchema.default(1),
    links: z.array(linkInputSchema).max(20).default([]),
  })
  .strict();
export type NewTicket = z.output<typeof newTicketSchema>;

export const ticketChangesSchema = z
  .object({
    title: ticketTitleSchema,
    description,
    requester: requesterSchema,
    priority: z.enum(PRIORITIES),
    category: z.enum(CATEGORIES),
    emergency: z.enum(EMERGENCY_KINDS).nullable(),
    tags: z.array(tagSchema).max(20),
    /** Set aside a resolved alert's proposal to resolve the ticket. */
    dismissProposal: z.literal(true),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'Change at least one field');
export type TicketChanges = z.output<typeof ticketChangesSchema>;

export const ticketDetailSchema = z.object({
  ticket: ticketSchema,
  /** True while text is redacted; tickets.reveal answers the same shape in clear. */
  masked: z.boolean(),
  /** Every event, oldest first: who, when, each field's value before and after, comments, SLA marks, alert happenings. */
  timeline: z.array(ticketEventSchema),
  comments: z.array(commentSchema),
  /** The linked alerts as the monitor has them now. */
  alerts: z.array(alertViewSchema),
  /** The linked connection's state on the status board, when it is monitored. */
  connection: z.object({ id: z.number().int(), name: z.string(), state: z.enum(CONNECTION_STATES).nullable(), reason: z.string().nullable() }).nullable(),
  suggestion: suggestionSchema,
  /** Knowledge-base articles for its error codes first, then its text. */
  articles: z.array(kbArticleSummarySchema),
  /** What the caller may do with it. */
  can: z.object({ triage: z.boolean(), comment: z.boolean(), reveal: z.boolean(), exportClear: z.boolean() }),
  now: epochMs,
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

const withTicket = z.object({ ticket: ticketSchema });

export const TICKET_CHANNELS = {
  'tickets.list': channel({
    summary: 'The queue: a page of tickets matching a filter, most urgent (next SLA breach) first, with a cursor for the next page',
    access: 'tickets.read',
    audited: false,
    input: z
      .object({
        filter: ticketFilterSchema.default({ status: 'open' }),
        sort: z.enum(TICKET_SORTS).default('urgency'),
        limit: z.number().int().min(1).max(500).default(50),
        /** From the previous page's nextCursor, with the same filter and sort. */
        cursor: z.string().max(500).optional(),
      })
      .strict(),
    output: z.object({ tickets: z.array(ticketRowSchema), nextCursor: z.string().nullable(), now: epochMs }),
  }),
  'tickets.count': channel({
    summary: 'How many tickets a filter matches, counted up to 10,000 (asked apart from the pages: counting costs what it counts)',
    access: 'tickets.read',
    audited: false,
    input: z.object({ filter: ticketFilterSchema.default({ status: 'open' }) }).strict(),
    output: z.object({
      total: z.number().int().nonnegative(),
      /** False at the cap (show "10,000+"), or when a search looked at only its newest 1,000 matches (show "1,000+"). */
      exact: z.boolean(),
    }),
  }),
  'tickets.get': channel({
    summary: 'One ticket (by id or number) with its clocks, timeline, comments, linked alerts and connection, suggestions and articles; text redacted',
    access: 'tickets.read',
    audited: false,
    input: z.union([z.object({ id: ticketId }).strict(), z.object({ number: z.number().int().positive() }).strict()]),
    output: ticketDetailSchema,
  }),
  'tickets.reveal': channel({
    summary: "A ticket's description, requester contact and comments in clear, for a reason that is audited",
    access: 'phi.view',
    audited: true,
    input: z.object({ id: ticketId, reason }).strict(),
    output: ticketDetailSchema,
  }),
  'tickets.suggest': channel({
    summary: 'Suggested priority, category and emergency from the text, its sentiment, and articles (the new-ticket dialog asks as it is typed)',
    access: 'tickets.read',
    audited: false,
    input: z
      .object({
        title: z.string().max(200).default(''),
        description: description.default(''),
        alertId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    output: z.object({ suggestion: suggestionSchema, articles: z.array(kbArticleSummarySchema) }),
  }),
  'tickets.assignees': channel({
    summary: 'The people a ticket can be assigned to',
    access: 'tickets.read',
    audited: false,
    input: empty,
    output: z.object({ people: z.array(z.object({ username: z.string(), displayName: z.string(), role: roleSchema })) }),
  }),
  'tickets.create': channel({
    summary: 'Open a ticket; it gets the next VIG number and the current SLA policy',
    access: 'tickets.triage',
    audited: true,
    input: newTicketSchema,
    output: withTicket,
  }),
  'tickets.update': channel({
    summary: "Change a ticket's title, description, requester, priority, category, emergency or tags",
    access: 'tickets.triage',
    audited: true,
    input: z.object({ id: ticketId, changes: ticketChangesSchema }).strict(),
    output: withTicket,
  }),
  'tickets.assign': channel({
    summary: 'Assign (or unassign) a ticket; with `expected`, only if its assignee is still what the caller saw',
    access: 'tickets.triage',
    audited: true,
    input: z
      .object({
        id: ticketId,
        /** A username, 'me', or null to unassign. */
        assignee: z.string().min(1).max(64).nullable(),
        expected: z.string().min(1).max(64).nullable().optional(),
      })
      .strict(),
    output: withTicket,
  }),
  'tickets.escalate': channel({
    summary: 'Move a ticket up a tier (or to a given higher tier)',
    access: 'tickets.triage',
    audited: true,
    input: z.object({ id: ticketId, tier: tierSchema.optional(), reason: z.string().trim().max(500).optional() }).strict(),
    output: withTicket,
  }),
  'tickets.setStatus': channel({
    summary: 'Move a ticket along its workflow; pending needs a reason and pauses its clocks, resolved stops them, in progress reopens',
    access: 'tickets.triage',
    audited: true,
    input: z
      .object({ id: ticketId, status: z.enum(STATUSES), pendingReason: z.enum(PENDING_REASONS).optional() })
      .strict()
      .refine((s) => (s.status === 'pending') === (s.pendingReason !== undefined), { message: 'Pending needs a reason, and only pending has one', path: ['pendingReason'] }),
    output: withTicket,
  }),
  'tickets.comment': channel({
    summary: 'Add an internal note or a reply for the requester (a reply is a first response); safety officers comment on clinical and patient-safety tickets',
    access: 'tickets.follow',
    audited: true,
    input: z.object({ id: ticketId, visibility: z.enum(COMMENT_VISIBILITIES), body: z.string().trim().min(1, 'Write something').max(20_000) }).strict(),
    output: z.object({ ticket: ticketSchema, comment: commentSchema }),
  }),
  'tickets.follow': channel({
    summary: 'Follow or stop following a ticket; safety officers follow clinical and patient-safety tickets',
    access: 'tickets.follow',
    audited: true,
    input: z.object({ id: ticketId, follow: z.boolean() }).strict(),
    output: withTicket,
  }),
  'tickets.link': channel({
    summary: 'Link a ticket to a connection, an alert or a patient (kept as a salted reference only), or remove a link',
    access: 'tickets.triage',
    audited: true,
    input: z.object({ id: ticketId, link: linkInputSchema, remove: z.boolean().default(false) }).strict(),
    output: withTicket,
  }),
  'tickets.csat': channel({
    summary: 'Record the requester’s satisfaction (1–5 and a comment) on a resolved ticket, once',
    access: 'tickets.triage',
    audited: true,
    input: z.object({ id: ticketId, score: z.number().int().min(1).max(5), comment: z.string().trim().max(2_000).default('') }).strict(),
    output: withTicket,
  }),
  'tickets.import': channel({
    summary: 'Check or import tickets with their history from CSV or JSON (README); nothing is imported unless every row is valid, or mode "valid" takes the valid rows',
    access: 'tickets.import',
    audited: true,
    input: z
      .object({
        format: z.enum(IMPORT_FORMATS),
        content: z.string().min(1).max(50_000_000),
        /** check: report only; all: import when every row is valid; valid: import the valid rows. */
        mode: z.enum(['check', 'all', 'valid']).default('check'),
      })
      .strict(),
    output: z.object({
      rows: z.number().int().nonnegative(),
      valid: z.number().int().nonnegative(),
      imported: z.number().int().nonnegative(),
      /** The first 500 issues, in file order; issueCount has them all. */
      issues: z.array(importIssueSchema),
      issueCount: z.number().int().nonnegative(),
      /** The numbers the imported tickets got, first and last. */
      numbers: z.object({ first: z.number().int(), last: z.number().int() }).nullable(),
    }),
  }),
  'tickets.export': channel({
    summary: 'A view as CSV in the import format; text redacted unless an admin gives a reason (audited)',
    access: 'tickets.read',
    audited: true,
    input: z
      .object({
        filter: ticketFilterSchema.default({ status: 'open' }),
        sort: z.enum(TICKET_SORTS).default('urgency'),
        reveal: z.object({ reason }).strict().optional(),
      })
      .strict(),
    output: z.object({ fileName: z.string(), content: z.string(), rows: z.number().int().nonnegative(), redacted: z.boolean(), truncated: z.boolean() }),
  }),
  'tickets.views.list': channel({
    summary: 'The built-in views and the caller’s saved ones',
    access: 'tickets.read',
    audited: false,
    input: empty,
    output: z.object({ views: z.array(savedViewSchema) }),
  }),
  'tickets.views.save': channel({
    summary: 'Save a view (a named filter and sort) for the caller; with an id, replace it',
    access: 'tickets.read',
    audited: true,
    input: z.object({ id: z.string().min(1).max(64).optional(), name: z.string().trim().min(1, 'Name the view').max(60), filter: ticketFilterSchema, sort: z.enum(TICKET_SORTS).default('urgency') }).strict(),
    output: savedViewSchema,
  }),
  'tickets.views.delete': channel({
    summary: 'Delete one of the caller’s saved views',
    access: 'tickets.read',
    audited: true,
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    output: empty,
  }),
  'sla.policies.get': channel({
    summary: 'The SLA policy in force (or a given version) and every version saved',
    access: 'tickets.read',
    audited: false,
    input: z.object({ version: z.number().int().positive().optional() }).strict(),
    output: z.object({
      policy: slaPolicyVersionSchema,
      current: z.number().int().positive(),
      versions: z.array(slaPolicyVersionSchema.pick({ version: true, createdAt: true, createdBy: true })),
    }),
  }),
  'sla.policies.save': channel({
    summary: 'Save a new SLA policy version for new tickets (open tickets keep theirs); refused when someone saved since baseVersion',
    access: 'tickets.manage',
    audited: true,
    input: z.object({ policy: slaPolicySchema, baseVersion: z.number().int().positive() }).strict(),
    output: slaPolicyVersionSchema,
  }),
  'tickets.alertRules.get': channel({
    summary: 'How alerts open tickets: on or off, the least severity, the priority by severity, which targets are clinical',
    access: 'tickets.read',
    audited: false,
    input: empty,
    output: alertTicketRulesSchema,
  }),
  'tickets.alertRules.set': channel({
    summary: 'Change how alerts open tickets',
    access: 'tickets.manage',
    audited: true,
    input: alertTicketRulesSchema,
    output: alertTicketRulesSchema,
  }),
};

const slaNotice = {
  ticketId: z.string(),
  number: z.number().int().positive(),
  clock: z.enum(CLOCK_IDS),
  priority: z.enum(PRIORITIES),
  /** When the clock breaches (or breached). */
  dueAt: epochMs.nullable(),
  severity: z.enum(SEVERITIES),
};

export const TICKET_EVENTS = {
  'ticket.changed': event({
    summary: 'A ticket changed (ticketId null: many did, e.g. an import)',
    audience: 'tickets.read',
    payload: z.object({ ticketId: z.string().nullable(), number: z.number().int().positive().nullable(), type: z.enum([...TICKET_EVENT_TYPES, 'import']) }),
  }),
  'ticket.slaAtRisk': event({
    summary: "A ticket's clock got at risk, or an Emergency reached its escalation time unresolved",
    audience: 'tickets.read',
    payload: z.object({ ...slaNotice, mark: z.enum(['at_risk', 'escalation']) }),
  }),
  'ticket.slaBreached': event({
    summary: "A ticket's clock passed its target",
    audience: 'tickets.read',
    payload: z.object(slaNotice),
  }),
};

/**
 * The triage part of the contract: priorities, categories, statuses, tiers,
 * the SLA policies with their business calendars, a ticket's events and the
 * shapes the Triage screen shows. The main process's ticket service takes
 * its types from here, so the wire shape and the service's shape are one.
 */
import { z } from 'zod';
import { epochMs } from './contract/define';
import { SEVERITIES, type Severity } from './monitoring';

// ---------------------------------------------------------------- vocabularies

/** Most urgent first: the index is the priority's rank. */
export const PRIORITIES = ['emergency', 'critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = {
  emergency: 'Emergency',
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);

/** One level more urgent (Emergency stays Emergency). */
export function raisePriority(p: Priority): Priority {
  return PRIORITIES[Math.max(0, priorityRank(p) - 1)]!;
}

export const CATEGORIES = ['technical', 'clinical', 'compliance_security', 'training', 'integration'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  technical: 'Technical',
  clinical: 'Clinical',
  compliance_security: 'Compliance & security',
  training: 'Training',
  integration: 'Integration',
};

/** The seed's emergency categories: any of them makes a ticket an Emergency. */
export const EMERGENCY_KINDS = ['patient_safety', 'system_downtime', 'data_breach', 'compliance_violation'] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];
export const EMERGENCY_LABELS: Record<EmergencyKind, string> = {
  patient_safety: 'Patient safety',
  system_downtime: 'System downtime',
  data_breach: 'Data breach',
  compliance_violation: 'Compliance violation',
};

export const STATUSES = ['new', 'acknowledged', 'in_progress', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const CLOSED_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];
export const isOpenStatus = (s: TicketStatus): boolean => !CLOSED_STATUSES.includes(s);

/**
 * Where each status may go. A resolved or closed ticket reopens to
 * in progress; resolving is possible from every open status.
 */
export const STATUS_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['acknowledged', 'in_progress', 'pending', 'resolved'],
  acknowledged: ['in_progress', 'pending', 'resolved'],
  in_progress: ['pending', 'resolved'],
  pending: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export const PENDING_REASONS = ['requester', 'vendor', 'change_window'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];
export const PENDING_REASON_LABELS: Record<PendingReason, string> = {
  requester: 'Waiting for requester',
  vendor: 'Waiting for vendor',
  change_window: 'Waiting for a change window',
};

/** The 24/7 operating model of the runbooks seed. */
export const TIERS = [1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, string> = {
  1: 'Tier 1: front line',
  2: 'Tier 2: specialists',
  3: 'Tier 3: engineering',
  4: 'Tier 4: clinical informatics',
};
export const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const COMMENT_VISIBILITIES = ['internal', 'public'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

export const LINK_KINDS = ['connection', 'alert', 'patient'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const CLOCK_IDS = ['firstResponse', 'resolution'] as const;
export type ClockId = (typeof CLOCK_IDS)[number];
export const CLOCK_LABELS: Record<ClockId, string> = { firstResponse: 'First response', resolution: 'Resolution' };

/** at_risk: the policy's fraction of a target; escalation: the medical-emergency rule; breached: the target. */
export const SLA_MARKS = ['at_risk', 'escalation', 'breached'] as const;
export type SlaMark = (typeof SLA_MARKS)[number];

/** The notification severity a ticket's SLA notices go out with: Emergency pages like a SEV1 alert. */
export const PRIORITY_SEVERITY: Record<Priority, Severity> = {
  emergency: 'SEV1',
  critical: 'SEV2',
  high: 'SEV3',
  medium: 'SEV3',
  low: 'SEV3',
};

export const ticketNumberLabel = (n: number): string => `VIG-${n}`;

// ---------------------------------------------------------------- SLA policies

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time of day as hh:mm (24:00 ends a day)');
const localDate = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'A date as YYYY-MM-DD');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const minutesOfDay = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

const hoursSchema = z
  .array(z.object({ from: hhmm, to: hhmm }).strict())
  .max(6)
  .refine((spans) => spans.every((s) => minutesOfDay(s.from) < minutesOfDay(s.to)), 'Each span must end after it starts')
  .refine(
    (spans) => [...spans].sort((a, b) => minutesOfDay(a.from) - minutesOfDay(b.from)).every((s, i, all) => i === 0 || minutesOfDay(all[i - 1]!.to) <= minutesOfDay(s.from)),
    'Spans on one day must not overlap',
  );

function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const calendarSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'Lower-case letters, digits, - and _'),
    name: z.string().trim().min(1, 'Enter a name').max(80),
    /** IANA name: the hours and holidays are local to it, across daylight-saving changes. */
    timeZone: z.string().refine(knownTimeZone, 'Not a known time zone'),
    week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, hoursSchema])) as Record<Weekday, typeof hoursSchema>).strict(),
    /** Local dates with no business hours. */
    holidays: z.array(localDate).max(400),
  })
  .strict()
  .refine((c) => WEEKDAYS.some((d) => c.week[d].length > 0), { message: 'A calendar needs business hours on at least one day', path: ['week'] });
export type BusinessCalendar = z.infer<typeof calendarSchema>;

export const priorityPolicySchema = z
  .object({
    firstResponseMinutes: z.number().int().min(1).max(60 * 24 * 60),
    resolutionMinutes: z.number().int().min(1).max(60 * 24 * 365),
    /** null: the clocks run 24/7; otherwise the id of one of the policy's calendars. */
    calendarId: z.string().nullable(),
    /** At this share of a target the ticket is at risk. */
    atRiskPercent: z.number().int().min(10).max(99),
    /** Move the ticket up a tier when a clock gets at risk / breaches. */
    tierUpOnAtRisk: z.boolean(),
    tierUpOnBreach: z.boolean(),
    /** The medical-emergency rule: escalate (up a tier, notify) when still unresolved after this long; null: no such rule. */
    escalateAfterMinutes: z.number().int().min(1).max(60 * 24 * 30).nullable(),
  })
  .strict();
export type PriorityPolicy = z.infer<typeof priorityPolicySchema>;

export const slaPolicySchema = z
  .object({
    calendars: z.array(calendarSchema).max(20),
    priorities: z.object(Object.fromEntries(PRIORITIES.map((p) => [p, priorityPolicySchema])) as Record<Priority, typeof priorityPolicySchema>).strict(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const ids = new Set(policy.calendars.map((c) => c.id));
    if (ids.size !== policy.calendars.length) ctx.addIssue({ code: 'custom', message: 'Each calendar id once', path: ['calendars'] });
    for (const p of PRIORITIES) {
      const rule = policy.priorities[p];
      if (rule.calendarId !== null && !ids.has(rule.calendarId)) {
        ctx.addIssue({ code: 'custom', message: 'No calendar with that id', path: ['priorities', p, 'calendarId'] });
      }
      if (rule.escalateAfterMinutes !== null && rule.escalateAfterMinutes >= rule.resolutionMinutes) {
        ctx.addIssue({ code: 'custom', message: 'Escalate before the resolution target', path: ['priorities', p, 'escalateAfterMinutes'] });
      }
    }
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** A saved policy: tickets keep the version they were created under. */
export const slaPolicyVersionSchema = z.object({
  version: z.number().int().positive(),
  policy: slaPolicySchema,
  createdAt: epochMs,
  createdBy: z.string(),
});
export type SlaPolicyVersion = z.infer<typeof slaPolicyVersionSchema>;

// ---------------------------------------------------------------- clocks

export const slaClockSchema = z.object({
  clock: z.enum(CLOCK_IDS),
  targetMs: z.number().int().nonnegative(),
  /** Counted time so far (business time under a calendar), as of the answer. */
  elapsedMs: z.number().int().nonnegative(),
  /** targetMs − elapsedMs: negative when overdue. */
  remainingMs: z.number().int(),
  /** When the target is (or was) reached while counting: a countdown's end. null while paused, and for a clock stopped in time. */
  dueAt: epochMs.nullable(),
  /** When it gets (or got) at risk; null when it never did and is not counting. */
  riskAt: epochMs.nullable(),
  /** running: counting (or waiting for business hours); paused: pending; stopped: responded / resolved. */
  state: z.enum(['running', 'paused', 'stopped']),
  /** Whether business hours are on now: a running clock counts only then. */
  inHours: z.boolean(),
  outcome: z.enum(['pending', 'met', 'breached']),
  atRisk: z.boolean(),
  /** The calendar's name, or null for 24/7. */
  calendar: z.string().nullable(),
});
export type SlaClock = z.infer<typeof slaClockSchema>;

export const ticketClocksSchema = z.object({ firstResponse: slaClockSchema, resolution: slaClockSchema });
export type TicketClocks = z.infer<typeof ticketClocksSchema>;

/** The clock that breaches next: what the queue sorts by. */
export const nextBreachSchema = z.object({ clock: z.enum(CLOCK_IDS), dueAt: epochMs.nullable(), remainingMs: z.number().int(), paused: z.boolean() }).nullable();

// ---------------------------------------------------------------- events

/** A value before or after a change: text, a number, a list of tags, or nothing. */
export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const FIELD_NAMES = [
  'title',
  'description',
  'requesterName',
  'requesterDepartment',
  'requesterContact',
  'priority',
  'category',
  'emergency',
  'status',
  'pendingReason',
  'assignee',
  'tier',
  'tags',
  'csatScore',
  'csatComment',
  'resolveProposal',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export const fieldChangeSchema = z.object({ field: z.enum(FIELD_NAMES), before: fieldValueSchema, after: fieldValueSchema });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const TICKET_EVENT_TYPES = ['created', 'updated', 'status', 'assigned', 'tier', 'comment', 'linked', 'unlinked', 'followed', 'unfollowed', 'csat', 'sla', 'alert'] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const ALERT_HAPPENINGS = ['opened', 'acknowledged', 'escalated', 'worsened', 'resolved'] as const;
export type AlertHappening = (typeof ALERT_HAPPENINGS)[number];

export const ticketEventDataSchema = z
  .object({
    /** created: who asked for it (a person, an alert, an import) and the SLA policy version it runs under. */
    origin: z.enum(['person', 'alert', 'import']),
    policyVersion: z.number().int().positive(),
    number: z.number().int().positive(),
    /** created by an import: the ticket's id in the tool it came from. */
    externalId: z.string(),
    comment: z.object({ id: z.string(), visibility: z.enum(COMMENT_VISIBILITIES), body: z.string() }),
    link: z.object({ kind: z.enum(LINK_KINDS), ref: z.string(), label: z.string().nullable() }),
    user: z.string(),
    /** tier: why it moved. */
    reason: z.string(),
    sla: z.object({
      clock: z.enum(CLOCK_IDS),
      mark: z.enum(SLA_MARKS),
      priority: z.enum(PRIORITIES),
      dueAt: epochMs.nullable(),
      /** The notification level it reached (1 at risk, 2 escalation or breach); 0: recorded without notifying (an import). */
      level: z.number().int().min(0).max(3),
    }),
    alert: z.object({
      alertId: z.string(),
      happened: z.enum(ALERT_HAPPENINGS),
      severity: z.enum(SEVERITIES),
      level: z.number().int(),
      by: z.string().nullable(),
    }),
  })
  .partial()
  .strict();
export type TicketEventData = z.infer<typeof ticketEventDataSchema>;

/**
 * Team mode: a change of an event that the shared database's merge did not
 * apply (a later writer won, a more urgent priority was kept, or a stale
 * reopen of a resolved or closed ticket, which is a conflict for a person to
 * settle). The event stays in the history with its change; the ticket does
 * not take it.
 */
export const ticketSkipSchema = z.object({
  field: z.enum(FIELD_NAMES),
  conflict: z.boolean(),
  /** The value the ticket kept, and the workstation that set it. */
  current: fieldValueSchema,
  by: z.string(),
});
export type TicketSkip = z.infer<typeof ticketSkipSchema>;

/** A conflict on a ticket: what an offline edit wanted, until a person sets the field again. */
export const ticketConflictSchema = z.object({
  eventId: z.string(),
  field: z.enum(FIELD_NAMES),
  wanted: fieldValueSchema,
  kept: fieldValueSchema,
  actor: z.string(),
  at: epochMs,
});
export type TicketConflict = z.infer<typeof ticketConflictSchema>;

export const ticketEventSchema = z.object({
  /** UUIDv7: unique across workstations, for a later team mode. */
  id: z.string(),
  ticketId: z.string(),
  /** Monotonic on the workstation that wrote it. */
  seq: z.number().int().positive(),
  workstation: z.string(),
  at: epochMs,
  /** A username, or 'vigil' / 'scheduler' for what Vigil did on its own. */
  actor: z.string(),
  type: z.enum(TICKET_EVENT_TYPES),
  changes: z.array(fieldChangeSchema),
  data: ticketEventDataSchema,
  /** Team mode: the changes the merge did not apply (absent while none were refused). */
  skipped: z.array(ticketSkipSchema).optional(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

// ---------------------------------------------------------------- tickets

export const ticketTitleSchema = z.string().trim().min(1, 'Enter a title').max(200);
export const tagSchema = z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N} _.:/-]{0,39}$/u, 'Tags: letters, digits and - _ . : / (up to 40)');

export const requesterSchema = z
  .object({
    name: z.string().trim().max(120).default(''),
    department: z.string().trim().max(120).default(''),
    /** Phone, e-mail or pager: PHI-aware, shown redacted. */
    contact: z.string().trim().max(200).default(''),
  })
  .strict();

export const ticketLinkSchema = z.object({ kind: z.enum(LINK_KINDS), ref: z.string(), label: z.string().nullable() });
export type TicketLink = z.infer<typeof ticketLinkSchema>;

/** What a queue row shows. Text is redacted. */
export const ticketRowSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  /** "VIG-1042". */
  key: z.string(),
  title: z.string(),
  priority: z.enum(PRIORITIES),
  category: z.enum(CATEGORIES),
  emergency: z.enum(EMERGENCY_KINDS).nullable(),
  status: z.enum(STATUSES),
  pendingReason: z.enum(PENDING_REASONS).nullable(),
  assignee: z.string().nullable(),
  tier: tierSchema,
  tags: z.array(z.string()),
  createdAt: epochMs,
  updatedAt: epochMs,
  clocks: ticketClocksSchema,
  nextBreach: nextBreachSchema,
  /** An alert it was opened from or linked to; resolved alerts propose resolving the ticket. */
  alertLinked: z.boolean(),
  resolveProposed: z.boolean(),
});
export type TicketRow = z.infer<typeof ticketRowSchema>;

export const commentSchema = z.object({
  id: z.string(),
  at: epochMs,
  author: z.string(),
  visibility: z.enum(COMMENT_VISIBILITIES),
  body: z.string(),
});
export type TicketComment = z.infer<typeof commentSchema>;

export const ticketSchema = ticketRowSchema.extend({
  description: z.string(),
  requester: z.object({ name: z.string(), department: z.string(), contact: z.string() }),
  links: z.array(ticketLinkSchema),
  followers: z.array(z.string()),
  csat: z.object({ score: z.number().int().min(1).max(5), comment: z.string(), at: epochMs }).nullable(),
  firstResponseAt: epochMs.nullable(),
  resolvedAt: epochMs.nullable(),
  closedAt: epochMs.nullable(),
  policyVersion: z.number().int().positive(),
  origin: z.enum(['person', 'alert', 'import']),
  /** The alert whose recovery proposes resolving this ticket; null when nothing is proposed. */
  resolveProposal: z.string().nullable(),
  /** Team mode: offline edits the merge refused, until a person sets the field again. */
  conflicts: z.array(ticketConflictSchema),
});
export type Ticket = z.infer<typeof ticketSchema>;

// ---------------------------------------------------------------- suggestions

export const suggestionSchema = z.object({
  priority: z.object({ value: z.enum(PRIORITIES), reasons: z.array(z.string()) }),
  category: z.object({ value: z.enum(CATEGORIES), reasons: z.array(z.string()) }),
  emergency: z.enum(EMERGENCY_KINDS).nullable(),
  sentiment: z.object({
    /** AFINN-165 sum over the words, and per word. */
    score: z.number(),
    comparative: z.number(),
    negativeWords: z.array(z.string()),
    /** Strongly negative text raises the suggested priority by one level. */
    strong: z.boolean(),
    reason: z.string().nullable(),
  }),
  /** Knowledge-base error codes found in the text or implied by the linked alert. */
  errorCodes: z.array(z.string()),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

// ---------------------------------------------------------------- filters and views

export const ticketFilterSchema = z
  .object({
    /** 'open': every status but resolved and closed. */
    status: z.union([z.literal('open'), z.literal('all'), z.array(z.enum(STATUSES)).min(1).max(STATUSES.length)]).default('open'),
    priority: z.array(z.enum(PRIORITIES)).min(1).max(PRIORITIES.length).optional(),
    category: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).optional(),
    /** A username, 'me' (the caller) or 'unassigned'. */
    assignee: z.string().min(1).max(64).optional(),
    tier: z.array(tierSchema).min(1).max(4).optional(),
    /** at_risk: a clock past its at-risk share and none breached; breached: a clock past its target (as of the last SLA tick, every few seconds). */
    sla: z.enum(['at_risk', 'breached']).optional(),
    emergency: z.boolean().optional(),
    tag: tagSchema.optional(),
    /** Tickets the caller (or this user) follows. */
    followedBy: z.string().min(1).max(64).optional(),
    connectionId: z.number().int().positive().optional(),
    /** The ticket of an alert: the way back from the alert to its ticket. */
    alertId: z.string().min(1).max(100).optional(),
    /** Whole words (stemmed, all of them) searched in titles and descriptions (their redacted text); words matching more than 1,000 tickets search the newest 1,000. */
    text: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type TicketFilter = z.output<typeof ticketFilterSchema>;
export type TicketFilterInput = z.input<typeof ticketFilterSchema>;

/** urgency: the next breach first; relevance (with words): the words in the title first, then newest first. */
export const TICKET_SORTS = ['urgency', 'newest', 'updated', 'relevance'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  filter: ticketFilterSchema,
  sort: z.enum(TICKET_SORTS),
  /** Built-in views are the same for everyone and cannot be changed. */
  builtIn: z.boolean(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** The views every console starts with. */
export const BUILT_IN_VIEWS: readonly SavedView[] = [
  { id: 'mine', name: 'Mine', filter: { status: 'open', assignee: 'me' }, sort: 'urgency', builtIn: true },
  { id: 'unassigned', name: 'Unassigned', filter: { status: 'open', assignee: 'unassigned' }, sort: 'urgency', builtIn: true },
  { id: 'at_risk', name: 'At risk', filter: { status: 'open', sla: 'at_risk' }, sort: 'urgency', builtIn: true },
  { id: 'breached', name: 'Breached', filter: { status: 'open', sla: 'breached' }, sort: 'urgency', builtIn: true },
  { id: 'emergencies', name: 'Emergencies', filter: { status: 'open', priority: ['emergency'] }, sort: 'urgency', builtIn: true },
  { id: 'pending', name: 'Pending', filter: { status: ['pending'] }, sort: 'urgency', builtIn: true },
  { id: 'clinical', name: 'Clinical', filter: { status: 'open', category: ['clinical'] }, sort: 'urgency', builtIn: true },
];

// ---------------------------------------------------------------- tickets from alerts

const severityPriorities = z.object({ clinical: z.enum(PRIORITIES), other: z.enum(PRIORITIES) }).strict();

export const alertTicketRulesSchema = z
  .object({
    enabled: z.boolean(),
    /** Alerts less severe than this open no ticket. */
    minSeverity: z.enum(SEVERITIES),
    /** The priority an alert's ticket gets, by severity, for clinical targets and the others. */
    priorities: z.object({ SEV1: severityPriorities, SEV2: severityPriorities, SEV3: severityPriorities }).strict(),
    /**
     * Which targets are clinical: every EHR connection (they carry patient
     * care) when allConnections is on, plus the targets listed. The
     * workstation is clinical only when listed.
     */
    clinical: z.object({ allConnections: z.boolean(), targets: z.array(z.string().regex(/^(conn:[1-9]\d{0,15}|workstation)$/)).max(500) }).strict(),
  })
  .strict();
export type AlertTicketRules = z.infer<typeof alertTicketRulesSchema>;

export const DEFAULT_ALERT_TICKET_RULES: AlertTicketRules = {
  enabled: true,
  minSeverity: 'SEV3',
  priorities: {
    SEV1: { clinical: 'emergency', other: 'critical' },
    SEV2: { clinical: 'high', other: 'high' },
    SEV3: { clinical: 'medium', other: 'medium' },
  },
  clinical: { allConnections: true, targets: [] },
};

// ---------------------------------------------------------------- import and export

export const IMPORT_FORMATS = ['csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const importIssueSchema = z.object({
  /** The file's line (CSV: where the record starts); null for JSON. */
  line: z.number().int().positive().nullable(),
  /** The record: 1 for the first ticket. */
  row: z.number().int().positive(),
  /** The column (CSV) or field (JSON) at fault; null for the record as a whole. */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

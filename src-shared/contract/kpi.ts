/**
 * KPIs: the support figures from tickets and the system figures from the
 * monitor, over a range in the workstation's time zone, each against a
 * target an admin may change, with the range before it for comparison,
 * a point per hour (24 h) or day, and breakdowns by priority, category,
 * assignee and connection.
 *
 * Ticket figures are counted where they happen: volume, first response and
 * escalation for the tickets opened in a bucket; resolution time, its SLA,
 * CSAT and "done" for the tickets resolved or closed in it. Backlog is the
 * tickets open at the bucket's end. Each ticket counts as it stands now
 * (its priority, category and assignee today).
 */
import { z } from 'zod';
import { CATEGORIES, PRIORITIES } from '../tickets';
import { channel, epochMs, event } from './define';

export const KPI_IDS = [
  'firstResponseMean',
  'resolutionMean',
  'resolutionP50',
  'resolutionP90',
  'slaFirstResponse',
  'slaResolution',
  'escalationRate',
  'csatMean',
  'backlog',
  'volume',
  'medicalResponse',
  'uptime',
  'apiResponseMean',
  'apiResponseP95',
  'apiResponseP99',
  'errorRate',
  'clinicalAdoption',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export type KpiUnit = 'duration' | 'percent' | 'count' | 'score' | 'ms';

export const KPI_DEFS: Record<KpiId, { label: string; unit: KpiUnit; group: 'support' | 'system'; help: string }> = {
  firstResponseMean: { label: 'First response time', unit: 'duration', group: 'support', help: 'Mean time from opening to the first reply or status change, tickets opened in the range' },
  resolutionMean: { label: 'Resolution time (mean)', unit: 'duration', group: 'support', help: 'Mean time from opening to resolved or closed, tickets resolved in the range' },
  resolutionP50: { label: 'Resolution time (p50)', unit: 'duration', group: 'support', help: 'Median resolution time, tickets resolved in the range' },
  resolutionP90: { label: 'Resolution time (p90)', unit: 'duration', group: 'support', help: '90th percentile of resolution time, tickets resolved in the range' },
  slaFirstResponse: { label: 'SLA compliance: first response', unit: 'percent', group: 'support', help: 'Share of first-response clocks that met their target, of those decided' },
  slaResolution: { label: 'SLA compliance: resolution', unit: 'percent', group: 'support', help: 'Share of resolution clocks that met their target, tickets resolved in the range' },
  escalationRate: { label: 'Escalation rate', unit: 'percent', group: 'support', help: 'Share of tickets opened in the range that were escalated past tier 1' },
  csatMean: { label: 'Customer satisfaction', unit: 'score', group: 'support', help: 'Mean CSAT (1 to 5) of tickets resolved in the range' },
  backlog: { label: 'Backlog', unit: 'count', group: 'support', help: 'Tickets open at the end of the range' },
  volume: { label: 'Volume', unit: 'count', group: 'support', help: 'Tickets opened in the range' },
  medicalResponse: { label: 'Medical response time', unit: 'duration', group: 'support', help: 'Mean resolution time of Emergency tickets resolved in the range' },
  uptime: { label: 'System uptime', unit: 'percent', group: 'system', help: "Mean of the connections' uptime (share of probe runs that did not fail)" },
  apiResponseMean: { label: 'API response time (mean)', unit: 'ms', group: 'system', help: 'Mean probe latency over every connection' },
  apiResponseP95: { label: 'API response time (p95)', unit: 'ms', group: 'system', help: '95th percentile of probe latency over every connection' },
  apiResponseP99: { label: 'API response time (p99)', unit: 'ms', group: 'system', help: '99th percentile of probe latency over every connection' },
  errorRate: { label: 'Error rate', unit: 'percent', group: 'system', help: 'Share of all probe runs that failed' },
  clinicalAdoption: { label: 'Clinical adoption', unit: 'percent', group: 'system', help: "Active clinicians (the medical AI service's active_clinical_sessions, now) over licensed clinicians" },
};

export const KPI_COMPARISONS = ['lt', 'le', 'gt', 'ge'] as const;
export const kpiTargetSchema = z.object({ comparison: z.enum(KPI_COMPARISONS), value: z.number().finite().min(0) }).strict();
export type KpiTarget = z.infer<typeof kpiTargetSchema>;

/** Whether a value meets its target; null when either is missing. */
export function meetsTarget(value: number | null, target: KpiTarget | null): boolean | null {
  if (value === null || target === null) return null;
  switch (target.comparison) {
    case 'lt':
      return value < target.value;
    case 'le':
      return value <= target.value;
    case 'gt':
      return value > target.value;
    case 'ge':
      return value >= target.value;
  }
}

const targetsShape = Object.fromEntries(KPI_IDS.map((id) => [id, kpiTargetSchema.nullable()])) as Record<KpiId, z.ZodNullable<typeof kpiTargetSchema>>;

export const kpiSettingsSchema = z.object({
  /** Per KPI, in the KPI's unit (durations and latencies in ms, percents 0 to 100); null: no target. */
  targets: z.object(targetsShape).strict(),
  /** The denominator of clinical adoption; null until an admin sets it. */
  licensedClinicians: z.number().int().positive().max(1_000_000).nullable(),
});
export type KpiSettings = z.infer<typeof kpiSettingsSchema>;

/**
 * The targets a data folder starts with, from the support system's figures:
 * medical response under 30 minutes, uptime above 99.9 %, API response under
 * 500 ms on average, error rate under 0.1 %; SLA compliance at least 95 % (its
 * SLA alert threshold) and CSAT at least 3.5 (where the monthly clinical
 * report calls satisfaction low). The others have none until an admin sets one.
 */
export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  targets: {
    ...(Object.fromEntries(KPI_IDS.map((id) => [id, null])) as KpiSettings['targets']),
    medicalResponse: { comparison: 'lt', value: 30 * 60_000 },
    uptime: { comparison: 'gt', value: 99.9 },
    apiResponseMean: { comparison: 'lt', value: 500 },
    errorRate: { comparison: 'lt', value: 0.1 },
    slaFirstResponse: { comparison: 'ge', value: 95 },
    slaResolution: { comparison: 'ge', value: 95 },
    csatMean: { comparison: 'ge', value: 3.5 },
  },
  licensedClinicians: null,
};

const localDate = z.string().regex(/^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'A date as YYYY-MM-DD');
export const KPI_PRESETS = ['24h', '7d', '30d', '90d'] as const;
export type KpiPreset = (typeof KPI_PRESETS)[number];
/** The longest custom range, in days. */
export const KPI_MAX_DAYS = 366;

export const kpiRangeSchema = z.union([
  z.object({ preset: z.enum(KPI_PRESETS) }).strict(),
  z
    .object({ from: localDate, to: localDate })
    .strict()
    .refine((r) => r.from <= r.to, { message: 'The range ends before it starts', path: ['to'] })
    .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < KPI_MAX_DAYS, { message: `Choose at most ${KPI_MAX_DAYS} days`, path: ['to'] }),
]);
export type KpiRange = z.infer<typeof kpiRangeSchema>;

const nullableNumber = z.number().nullable();

export const kpiValueSchema = z.object({
  id: z.enum(KPI_IDS),
  value: nullableNumber,
  previous: nullableNumber,
  target: kpiTargetSchema.nullable(),
  met: z.boolean().nullable(),
  /** One point per bucket of the report (null: nothing to count there). */
  series: z.array(nullableNumber),
  /** What the value counts (tickets, clocks, runs, latencies), or why there is none. */
  basis: z.string(),
});
export type KpiValue = z.infer<typeof kpiValueSchema>;

export const ticketBreakdownRowSchema = z.object({
  key: z.string(),
  volume: z.number().int(),
  backlog: z.number().int(),
  firstResponseMean: nullableNumber,
  resolutionMean: nullableNumber,
  resolutionP50: nullableNumber,
  resolutionP90: nullableNumber,
  slaFirstResponse: nullableNumber,
  slaResolution: nullableNumber,
  escalationRate: nullableNumber,
  csatMean: nullableNumber,
});
export type TicketBreakdownRow = z.infer<typeof ticketBreakdownRowSchema>;

export const connectionBreakdownRowSchema = z.object({
  targetId: z.string(),
  name: z.string(),
  runs: z.number().int(),
  uptime: nullableNumber,
  errorRate: nullableNumber,
  apiResponseMean: nullableNumber,
  apiResponseP95: nullableNumber,
  apiResponseP99: nullableNumber,
});
export type ConnectionBreakdownRow = z.infer<typeof connectionBreakdownRowSchema>;

export const kpiReportSchema = z.object({
  range: z.object({ from: epochMs, to: epochMs, grain: z.enum(['hour', 'day']), timeZone: z.string() }),
  previous: z.object({ from: epochMs, to: epochMs }),
  /** Each bucket's start; every series has one point per bucket. */
  buckets: z.array(epochMs),
  kpis: z.array(kpiValueSchema),
  csat: z.object({ distribution: z.array(z.number().int()).length(5), previous: z.array(z.number().int()).length(5) }),
  breakdowns: z.object({
    priority: z.array(ticketBreakdownRowSchema.extend({ key: z.enum(PRIORITIES) })),
    category: z.array(ticketBreakdownRowSchema.extend({ key: z.enum(CATEGORIES) })),
    /** '' for tickets nobody is assigned. */
    assignee: z.array(ticketBreakdownRowSchema),
    connection: z.array(connectionBreakdownRowSchema),
  }),
  /** The ticket figures include every change up to this event-log sequence. */
  asOfSeq: z.number().int(),
  generatedAt: epochMs,
});
export type KpiReport = z.infer<typeof kpiReportSchema>;

export const KPI_CHANNELS = {
  'kpi.report': channel({
    summary: 'Every KPI over a range (24 h, 7, 30 or 90 days, or whole days from and to) in the workstation time zone, with the range before it and the breakdowns',
    access: 'kpi.read',
    audited: false,
    input: z.object({ range: kpiRangeSchema }).strict(),
    output: kpiReportSchema,
  }),
  'kpi.settings': channel({
    summary: 'The KPI targets and the number of licensed clinicians',
    access: 'kpi.read',
    audited: false,
    input: z.object({}).strict(),
    output: kpiSettingsSchema,
  }),
  'kpi.setSettings': channel({
    summary: 'Change KPI targets and the number of licensed clinicians',
    access: 'kpi.manage',
    audited: true,
    input: kpiSettingsSchema,
    output: kpiSettingsSchema,
  }),
};

export const KPI_EVENTS = {
  'kpi.changed': event({
    summary: 'The KPI targets changed, or new ticket figures were counted',
    audience: 'kpi.read',
    payload: z.object({ reason: z.enum(['settings', 'tickets']) }),
  }),
};

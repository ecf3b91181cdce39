/**
 * The patient-safety score: six indicators (each 0..1 with a direction and
 * warning/critical thresholds) recomputed every 30 s, their weighted mean,
 * the HIPAA compliance score with its evidence, safety incidents (one per
 * violation episode) with review and electronic sign-off, and the monthly
 * clinical validation report.
 *
 * Thresholds are strict, as the seed's checks: a higher-is-better indicator
 * is at warning when its value is below the warning threshold, a
 * lower-is-better one when above it. The overall score is the weighted mean
 * of each indicator's goodness (its value, or 1 − value when lower is
 * better); an indicator without data is left out rather than counted.
 */
import { z } from 'zod';
import { channel, epochMs, event } from './define';

export const INDICATOR_IDS = [
  'system_availability',
  'response_time_health',
  'accuracy_trend',
  'clinical_session_risk',
  'error_rate_health',
  'compliance_status',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATOR_LABELS: Record<IndicatorId, string> = {
  system_availability: 'System availability',
  response_time_health: 'Response-time health',
  accuracy_trend: 'AI accuracy',
  clinical_session_risk: 'Clinical-session risk',
  error_rate_health: 'EHR error rate',
  compliance_status: 'HIPAA compliance',
};

/** What a series in the history is: an indicator, or the overall score. */
export const SERIES_KEYS = [...INDICATOR_IDS, 'overall'] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const LEVELS = ['ok', 'warning', 'critical', 'no_data'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_WORDS: Record<Level, string> = { ok: 'Safe', warning: 'Warning', critical: 'Critical', no_data: 'No data' };

const unit = z.number().min(0).max(1);

export const thresholdsSchema = z.object({ warning: unit, critical: unit }).strict();

export const indicatorSettingsSchema = thresholdsSchema.extend({ weight: z.number().min(0).max(10) }).strict();

export const DIRECTION_OF: Record<IndicatorId, Direction> = {
  system_availability: 'higher',
  response_time_health: 'higher',
  accuracy_trend: 'higher',
  clinical_session_risk: 'lower',
  error_rate_health: 'lower',
  compliance_status: 'higher',
};

export const safetySettingsSchema = z
  .object({
    indicators: z.object(Object.fromEntries(INDICATOR_IDS.map((id) => [id, indicatorSettingsSchema])) as Record<IndicatorId, typeof indicatorSettingsSchema>).strict(),
    overall: thresholdsSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const id of INDICATOR_IDS) {
      const t = s.indicators[id];
      const wrongWay = DIRECTION_OF[id] === 'higher' ? t.critical > t.warning : t.critical < t.warning;
      if (wrongWay) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', id, 'critical'],
          message: DIRECTION_OF[id] === 'higher' ? 'Higher is better here: critical must not be above warning' : 'Lower is better here: critical must not be below warning',
        });
      }
    }
    if (s.overall.critical > s.overall.warning) ctx.addIssue({ code: 'custom', path: ['overall', 'critical'], message: 'Critical must not be above warning' });
    if (INDICATOR_IDS.every((id) => s.indicators[id].weight === 0)) ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'Give at least one indicator a weight' });
  });
export type SafetySettings = z.infer<typeof safetySettingsSchema>;

/** The seed's thresholds; compliance uses the overall score's, equal weights. */
export const DEFAULT_SAFETY_SETTINGS: SafetySettings = {
  indicators: {
    system_availability: { warning: 0.95, critical: 0.9, weight: 1 },
    response_time_health: { warning: 0.9, critical: 0.85, weight: 1 },
    accuracy_trend: { warning: 0.92, critical: 0.9, weight: 1 },
    clinical_session_risk: { warning: 0.1, critical: 0.2, weight: 1 },
    error_rate_health: { warning: 0.05, critical: 0.1, weight: 1 },
    compliance_status: { warning: 0.9, critical: 0.85, weight: 1 },
  },
  overall: { warning: 0.9, critical: 0.85 },
};

export const settingsVersionSchema = z.object({ version: z.number().int().positive(), settings: safetySettingsSchema, savedAt: epochMs, savedBy: z.string() });

export const indicatorViewSchema = z.object({
  id: z.enum(INDICATOR_IDS),
  label: z.string(),
  direction: z.enum(DIRECTIONS),
  /** Null: no data, and `reason` says why. */
  value: unit.nullable(),
  level: z.enum(LEVELS),
  reason: z.string().nullable(),
  /** How it was computed, in words (sources, counts, trend). */
  detail: z.string(),
  warning: unit,
  critical: unit,
  weight: z.number(),
  /** The last hour at one point per tick, oldest first (null: no data then). */
  spark: z.array(unit.nullable()),
});
export type IndicatorView = z.infer<typeof indicatorViewSchema>;

export const COMPLIANCE_PARTS = ['audit_completeness', 'phi_protection', 'access_control', 'breach_detection'] as const;
export type CompliancePart = (typeof COMPLIANCE_PARTS)[number];

/** The seed's HIPAA weights. */
export const COMPLIANCE_WEIGHTS: Record<CompliancePart, number> = { audit_completeness: 0.25, phi_protection: 0.3, access_control: 0.25, breach_detection: 0.2 };

export const COMPLIANCE_LABELS: Record<CompliancePart, string> = {
  audit_completeness: 'Audit completeness',
  phi_protection: 'PHI protection',
  access_control: 'Access control',
  breach_detection: 'Breach detection',
};

export const compliancePartSchema = z.object({
  id: z.enum(COMPLIANCE_PARTS),
  label: z.string(),
  weight: z.number(),
  value: unit,
  /** Each fact the value rests on, in words, with whether it holds. */
  evidence: z.array(z.object({ fact: z.string(), holds: z.boolean() })),
});
export const complianceSchema = z.object({ score: unit, at: epochMs, parts: z.array(compliancePartSchema) });
export type Compliance = z.infer<typeof complianceSchema>;

export const RECOMMENDED_ACTIONS = ['prepare_model_rollback', 'scale_capacity', 'notify_clinical_users', 'clinical_review'] as const;
export type RecommendedActionCode = (typeof RECOMMENDED_ACTIONS)[number];
/** The shipped runbook (resources/runbooks) that carries out a recommended action, where there is one. */
export const RECOMMENDED_RUNBOOKS: Partial<Record<RecommendedActionCode, { id: string; name: string }>> = {
  prepare_model_rollback: { id: 'prepare-model-rollback', name: 'Prepare model rollback' },
};

export const SIGNATURE_MEANINGS = ['reviewed', 'approved'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

export const signatureSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  signer: z.string(),
  printedName: z.string(),
  meaning: z.enum(SIGNATURE_MEANINGS),
  signedAt: epochMs,
  /** sha256 over incident id, the incident's content as signed, signer, time and meaning. */
  hash: z.string(),
  /** The hash recomputed from this incident's id and the stored content matches: the signature belongs here. */
  verified: z.boolean(),
});
export type Signature = z.infer<typeof signatureSchema>;

export const incidentCommentSchema = z.object({ at: epochMs, by: z.string(), text: z.string() });

export const INCIDENT_STATUSES = ['open', 'recovered'] as const;

export const incidentSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  indicator: z.enum(SERIES_KEYS),
  label: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  /** The level now (while open) or at its worst. */
  level: z.enum(['warning', 'critical']),
  peakLevel: z.enum(['warning', 'critical']),
  openedAt: epochMs,
  closedAt: epochMs.nullable(),
  /** The worst value seen in the episode, and the threshold it crossed. */
  worstValue: unit,
  threshold: unit,
  detail: z.string(),
  action: z.object({ code: z.enum(RECOMMENDED_ACTIONS), text: z.string() }).nullable(),
  ticket: z.object({ id: z.string(), number: z.number().int() }).nullable(),
  alertId: z.string().nullable(),
  settingsVersion: z.number().int(),
  acknowledged: z.object({ by: z.string(), at: epochMs }).nullable(),
  comments: z.array(incidentCommentSchema),
  signatures: z.array(signatureSchema),
});
export type SafetyIncident = z.infer<typeof incidentSchema>;

export const scoreSchema = z.object({ value: unit.nullable(), level: z.enum(LEVELS), at: epochMs, settingsVersion: z.number().int() });

export const overviewSchema = z.object({
  /** Null before the first evaluation. */
  score: scoreSchema.nullable(),
  indicators: z.array(indicatorViewSchema),
  compliance: complianceSchema.nullable(),
  overall: thresholdsSchema,
  openIncidents: z.number().int(),
  unsigned: z.number().int(),
  now: epochMs,
});
export type SafetyOverview = z.infer<typeof overviewSchema>;

export const HISTORY_RANGES = ['24h', '7d', '30d', '365d'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

export const historyPointSchema = z.object({ start: epochMs, mean: unit.nullable(), min: unit.nullable() });

const incidentId = z.string().min(1).max(64);
const password = z.string().min(1, 'Enter your password').max(1024);
export const signFormSchema = z
  .object({ meaning: z.enum(SIGNATURE_MEANINGS), password })
  .strict();

/** A month as YYYY-MM (the report's label; the runbooks' safety_report takes one too). */
export const monthLabelSchema = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, 'A month as YYYY-MM, such as 2026-01');

/** A calendar month in the workstation's zone, given by its bounds. */
const monthInput = z
  .object({ label: monthLabelSchema, from: epochMs, to: epochMs })
  .strict()
  .refine((m) => m.to > m.from && m.to - m.from <= 32 * 86_400_000, 'A month is at most 32 days');
export type ReportMonth = z.infer<typeof monthInput>;

/** The report's month for a label (YYYY-MM), its bounds cut in this computer's zone (the Safety screen's and the runbooks' alike). */
export function reportMonth(label: string): ReportMonth {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return { label, from: new Date(y, m - 1, 1).getTime(), to: new Date(y, m, 1).getTime() };
}

/** The month (YYYY-MM) an instant falls in, in this computer's zone. */
export function monthLabel(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const indicatorMonthSchema = z.object({
  key: z.enum(SERIES_KEYS),
  label: z.string(),
  mean: unit.nullable(),
  min: unit.nullable(),
  /** Time spent at warning or worse, and at critical. */
  belowWarningMs: z.number().int(),
  belowCriticalMs: z.number().int(),
});

export const reportSchema = z.object({
  month: z.string(),
  from: epochMs,
  to: epochMs,
  indicators: z.array(indicatorMonthSchema),
  incidents: z.object({ total: z.number().int(), critical: z.number().int(), signed: z.number().int(), unsigned: z.number().int() }),
  tickets: z.object({ byCategory: z.record(z.string(), z.number().int()), csat: z.object({ responses: z.number().int(), mean: z.number().nullable() }) }),
  recommendations: z.array(z.object({ code: z.string(), text: z.string() })),
  generatedAt: epochMs,
});
export type SafetyReport = z.infer<typeof reportSchema>;

export const SAFETY_CHANNELS = {
  'safety.overview': channel({
    summary: 'The overall score, the six indicators with their thresholds and last hour, the compliance breakdown and the incident counts',
    access: 'safety.read',
    audited: false,
    input: z.object({}).strict(),
    output: overviewSchema,
  }),
  'safety.history': channel({
    summary: 'One series (an indicator or the overall score) over a range: raw ticks for 24 h, hours for 7 and 30 days, days for a year',
    access: 'safety.read',
    audited: false,
    input: z.object({ key: z.enum(SERIES_KEYS), range: z.enum(HISTORY_RANGES) }).strict(),
    output: z.object({ key: z.enum(SERIES_KEYS), stepMs: z.number().int(), points: z.array(historyPointSchema), thresholds: thresholdsSchema, direction: z.enum(DIRECTIONS) }),
  }),
  'safety.incidents.list': channel({
    summary: 'Safety incidents, newest first, with comments and signatures (each verified against its incident)',
    access: 'safety.read',
    audited: false,
    input: z.object({ filter: z.enum(['open', 'unsigned', 'all']).default('all'), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ incidents: z.array(incidentSchema) }),
  }),
  'safety.incidents.acknowledge': channel({
    summary: 'A safety officer takes a safety incident in hand',
    access: 'safety.review',
    audited: true,
    input: z.object({ id: incidentId }).strict(),
    output: z.object({ incident: incidentSchema }),
  }),
  'safety.incidents.comment': channel({
    summary: 'A safety officer comments on a safety incident',
    access: 'safety.review',
    audited: true,
    input: z.object({ id: incidentId, text: z.string().trim().min(1, 'Write a comment').max(4000) }).strict(),
    output: z.object({ incident: incidentSchema }),
  }),
  'safety.incidents.sign': channel({
    summary: 'An electronic signature on a safety incident (21 CFR Part 11 §11.50, §11.200): password re-entered, printed name, time and meaning, bound to the incident',
    access: 'safety.review',
    audited: true,
    input: z.object({ id: incidentId }).extend(signFormSchema.shape).strict(),
    output: z.object({ incident: incidentSchema, signature: signatureSchema }),
  }),
  'safety.settings.get': channel({
    summary: 'The thresholds and weights in force, with their version',
    access: 'safety.read',
    audited: false,
    input: z.object({}).strict(),
    output: settingsVersionSchema,
  }),
  'safety.settings.save': channel({
    summary: 'Saves new thresholds and weights as a new version (refused when another officer saved since)',
    access: 'safety.manage',
    audited: true,
    input: z.object({ expectedVersion: z.number().int().positive(), settings: safetySettingsSchema }).strict(),
    output: settingsVersionSchema,
  }),
  'safety.report': channel({
    summary: "The month's clinical validation report: indicators, incidents and sign-offs, tickets and CSAT, recommendations",
    access: 'safety.read',
    audited: false,
    input: monthInput,
    output: reportSchema,
  }),
  'safety.report.csv': channel({
    summary: "The month's clinical validation report as CSV",
    access: 'safety.read',
    audited: true,
    input: monthInput,
    output: z.object({ filename: z.string(), csv: z.string() }),
  }),
};

export const SAFETY_EVENTS = {
  'safety.updated': event({
    summary: 'A new evaluation, or an incident changed: the Safety screen reads again',
    audience: 'safety.read',
    payload: z.object({ at: epochMs, incidentId: z.string().nullable() }),
  }),
};

/**
 * The monitoring part of the contract: states, severities, probe plans,
 * maintenance windows, alerts and what the status board shows. The main
 * process's monitor takes its types from here, so the wire shape and the
 * engine's shape are one.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { epochMs } from './contract/define';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3'] as const;
export type Severity = (typeof SEVERITIES)[number];

const MINUTE = 60_000;

/** The seed's severity levels: what each means and how soon someone must respond. */
export const SEVERITY_LEVELS: Record<Severity, { meaning: string; respondWithinMs: number }> = {
  SEV1: { meaning: 'Patient-safety risk or system down', respondWithinMs: 15 * MINUTE },
  SEV2: { meaning: 'Major impairment', respondWithinMs: 30 * MINUTE },
  SEV3: { meaning: 'Moderate impact', respondWithinMs: 120 * MINUTE },
};

/** SEV1 is the most severe: `atLeast('SEV1', 'SEV2')` is true. */
export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(floor);
}

export const CONNECTION_STATES = ['UP', 'DEGRADED', 'DOWN', 'MAINTENANCE', 'PAUSED', 'UNKNOWN'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];
export const HEALTHS = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;
export type Health = (typeof HEALTHS)[number];

/** What the monitor watches: an EHR connection (`conn:<id>`) or the workstation Vigil runs on. */
export const WORKSTATION_TARGET = 'workstation';
export const targetIdSchema = z.string().regex(/^(conn:[1-9]\d{0,15}|workstation)$/, 'Not a monitored target');
export type TargetId = z.infer<typeof targetIdSchema>;

export const connectionTarget = (connectionId: number): string => `conn:${connectionId}`;

/**
 * Services that raise alerts of their own through the monitor (not about a
 * monitored target): the alert's targetId is the source, named here. Such a
 * service opens its own ticket for its alert, so the alert-to-ticket rules pass it by.
 */
export const EXTERNAL_ALERT_SOURCES = { safety: 'Patient safety' } as const;
export type ExternalAlertSource = keyof typeof EXTERNAL_ALERT_SOURCES;
export const isExternalAlertSource = (targetId: string): targetId is ExternalAlertSource => Object.hasOwn(EXTERNAL_ALERT_SOURCES, targetId);

/** The connection behind a target id, or null for the workstation. */
export function connectionIdOf(targetId: string): number | null {
  return targetId.startsWith('conn:') ? Number(targetId.slice(5)) : null;
}

// ---------------------------------------------------------------- probe plans

export const MIN_INTERVAL_MS = 5_000;

export const probePlanSchema = z
  .object({
    intervalMs: z.number().int().min(MIN_INTERVAL_MS, 'Probe at most every 5 seconds').max(24 * 3_600_000),
    /** A run still going after this is aborted and counts as a failure. */
    timeoutMs: z.number().int().min(100),
    /** Failed runs retried before the target is declared DOWN. */
    retries: z.number().int().min(0).max(10),
    retryIntervalMs: z.number().int().min(1_000),
  })
  .strict()
  // Otherwise a hung probe would still hold its slot when the next run is due.
  .refine((p) => p.timeoutMs <= p.intervalMs, { message: 'The timeout must not be longer than the interval', path: ['timeoutMs'] });

export type ProbePlan = z.infer<typeof probePlanSchema>;

export const DEFAULT_PROBE_PLAN: ProbePlan = { intervalMs: 30_000, timeoutMs: 10_000, retries: 2, retryIntervalMs: 10_000 };

export const thresholdSchema = z
  .object({ direction: z.enum(['above', 'below']), warn: z.number().finite().optional(), critical: z.number().finite().optional() })
  .strict();

export const metricSelectorSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'A Prometheus metric name: letters, digits, _ and :'),
    labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string().max(200)).optional(),
    threshold: thresholdSchema.optional(),
    combine: z.enum(['worst', 'sum']).optional(),
  })
  .strict();

export const monitorSettingsSchema = z
  .object({
    plan: probePlanSchema,
    /** Slower than this is DEGRADED; null: latency alone never degrades. */
    latencyThresholdMs: z.number().int().min(1).max(600_000).nullable(),
    /** Targets this one fails with: while one of them is DOWN, this one raises no alert of its own. */
    dependsOn: z.array(targetIdSchema).max(50),
    /** The medical AI service's Prometheus endpoint behind this connection, scraped on every run. */
    metrics: z
      .object({
        url: z.url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL' }),
        selectors: z.array(metricSelectorSchema).min(1).max(50),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type MonitorSettings = z.infer<typeof monitorSettingsSchema>;

/** The alert rules an operator tunes for every target: certificate warning tiers and how long DEGRADED may last unalerted. */
export const alertRuleSettingsSchema = z
  .object({
    /** Days before a certificate expires at which it alerts, each once; nearer tiers are more severe. */
    tlsExpiryDays: z
      .array(z.number().int().min(1).max(365))
      .min(1, 'Keep at least one tier')
      .max(6)
      .refine((days) => new Set(days).size === days.length, 'Each tier once'),
    degradedAfterMinutes: z.number().int().min(1).max(1_440),
    /** A private_key_jwt signing key this old is due for rotation: one reminder (absent in rules saved before it existed). */
    keyRotationDays: z.number().int().min(30).max(3_650).default(365),
  })
  .strict();
export type AlertRuleSettings = z.infer<typeof alertRuleSettingsSchema>;

/** A certificate tier's severity: nearer is worse, a day or less SEV1, a week or less SEV2, further out SEV3. */
export function expiryTierSeverity(days: number): Severity {
  return days <= 1 ? 'SEV1' : days <= 7 ? 'SEV2' : 'SEV3';
}

/** What a DEGRADED connection that lasted past the rules' delay alerts as. */
export const DEGRADED_SEVERITY: Severity = 'SEV2';

export const DEFAULT_ALERT_RULE_SETTINGS: AlertRuleSettings = { tlsExpiryDays: [30, 14, 7, 1], degradedAfterMinutes: 10, keyRotationDays: 365 };

// ---------------------------------------------------------------- maintenance windows

function throwsNot(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

// croner takes any time zone name and fails only when asked for a run; Intl refuses at once.
const validTimezone = (timezone: string) => throwsNot(() => new Intl.DateTimeFormat('en', { timeZone: timezone }));
const validCron = (pattern: string) => throwsNot(() => new Cron(pattern, { timezone: 'UTC' }));

const windowFields = {
  /** null: every target. */
  targetId: targetIdSchema.nullable(),
  note: z.string().trim().max(500).default(''),
};

const onceFields = { ...windowFields, kind: z.literal('once'), start: epochMs, end: epochMs };
const recurringFields = {
  ...windowFields,
  kind: z.literal('recurring'),
  /** Five or six fields (seconds first), e.g. `0 2 * * SUN`. */
  cron: z.string().trim().min(1, 'Enter a cron pattern'),
  durationMs: z.number().int().min(60_000, 'A window lasts at least a minute').max(7 * 24 * 3_600_000),
  /** IANA name; UTC by default, so a window never moves or vanishes with daylight saving. */
  timezone: z.string().default('UTC'),
};

type Refinement<T> = [check: (w: T) => boolean, params: { message: string; path: string[] }];
const endsAfterStart: Refinement<{ start: number; end: number }> = [(w) => w.end > w.start, { message: 'A window must end after it starts', path: ['end'] }];
const cronIsValid: Refinement<{ cron: string }> = [(w) => validCron(w.cron), { message: 'Not a valid cron pattern', path: ['cron'] }];
const timezoneIsKnown: Refinement<{ timezone: string }> = [(w) => validTimezone(w.timezone), { message: 'Not a known time zone', path: ['timezone'] }];

const id = { id: z.string().min(1) };

export const maintenanceWindowSchema = z.discriminatedUnion('kind', [
  z.object({ ...id, ...onceFields }).strict().refine(...endsAfterStart),
  z.object({ ...id, ...recurringFields }).strict().refine(...cronIsValid).refine(...timezoneIsKnown),
]);
/** A window to create: the same without its id, which Vigil gives it. */
export const newMaintenanceWindowSchema = z.discriminatedUnion('kind', [
  z.object(onceFields).strict().refine(...endsAfterStart),
  z.object(recurringFields).strict().refine(...cronIsValid).refine(...timezoneIsKnown),
]);
export type MaintenanceWindow = z.output<typeof maintenanceWindowSchema>;
export type NewMaintenanceWindow = z.output<typeof newMaintenanceWindowSchema>;
export type MaintenanceWindowInput = z.input<typeof maintenanceWindowSchema>;

// ---------------------------------------------------------------- status

/**
 * What failed, in codes anyone may see and any channel may carry: the probe,
 * the EHR error class and its knowledge-base article. The server's own words
 * never travel in it.
 */
export const causeSchema = z.object({ probe: z.string(), kind: z.string(), kbCode: z.string() });
export type Cause = z.infer<typeof causeSchema>;

export const targetStatusSchema = z.object({
  targetId: z.string(),
  state: z.enum(CONNECTION_STATES),
  /** The probes' verdict alone: a connection in maintenance may still be down. */
  health: z.enum(HEALTHS),
  /** Why, in one line for the operator. */
  reason: z.string(),
  since: epochMs,
  healthSince: epochMs,
  flapping: z.boolean(),
  latencyMs: z.number().nullable(),
  checkedAt: epochMs.nullable(),
  /** Why it is DOWN or DEGRADED, when a probe's failure was classified. */
  cause: causeSchema.nullable(),
});
export type TargetStatus = z.infer<typeof targetStatusSchema>;

export const PROBE_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const;

/** One probe of the last run, as the detail view lists it. */
export const probeReportSchema = z.object({
  probe: z.string(),
  label: z.string(),
  optional: z.boolean(),
  status: z.enum(PROBE_STATUSES),
  ms: z.number().nullable(),
  summary: z.string(),
  /** The EHR error class and knowledge-base article of a failure, when it was classified. */
  error: z.object({ kind: z.string(), kbCode: z.string() }).nullable(),
});
export type ProbeReport = z.infer<typeof probeReportSchema>;

export const workstationReadingsSchema = z.object({
  /** null on the first run: CPU use is measured between two runs. */
  cpu: z.number().nullable(),
  memory: z.number(),
  disk: z.number(),
});
export type WorkstationReadings = z.infer<typeof workstationReadingsSchema>;

export const boardTileSchema = z.object({
  targetId: z.string(),
  kind: z.enum(['connection', 'workstation']),
  name: z.string(),
  vendor: z.string().nullable(),
  /** The connection's host (and port), for the board's search; null for the workstation. */
  host: z.string().nullable(),
  /** The connection's tags (`clinical`, `site:north`); none for the workstation. */
  tags: z.array(z.string()),
  status: targetStatusSchema,
  /** Percent of runs that did not fail over the last 24 h; null before the first run. */
  uptime24h: z.number().nullable(),
  certDaysLeft: z.number().int().nullable(),
  /** Minutes the last access token had left when issued. */
  tokenMinutesLeft: z.number().int().nullable(),
  openAlerts: z.number().int().nonnegative(),
  worstSeverity: z.enum(SEVERITIES).nullable(),
  maintenance: z.object({ windowId: z.string(), until: epochMs, note: z.string() }).nullable(),
  paused: z.boolean(),
  /** The connection talks plain http:// off this machine, as an admin allowed: tokens and PHI travel unencrypted. */
  plainHttp: z.boolean(),
  /** The workstation's last readings, percent in use; null for a connection. */
  workstation: workstationReadingsSchema.nullable(),
  /** The last run's metric series by name (a connection's medical AI service); their names are the endpoint's own. */
  metrics: z.record(z.string(), z.number()),
  dependsOn: z.array(z.string()),
});
export type BoardTile = z.infer<typeof boardTileSchema>;

export const CHART_RANGE_IDS = ['1h', '24h', '7d', '30d'] as const;
export type ChartRangeId = (typeof CHART_RANGE_IDS)[number];

const percentiles = { p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() };

export const latencyChartSchema = z.object({
  range: z.enum(CHART_RANGE_IDS),
  stepMs: z.number(),
  points: z.array(z.object({ start: epochMs, runs: z.number().int(), failures: z.number().int(), ...percentiles })),
  summary: z.object({ from: epochMs, to: epochMs, samples: z.number().int(), ...percentiles }),
});

export const uptimeSchema = z.object({ from: epochMs, to: epochMs, runs: z.number().int(), failures: z.number().int(), percent: z.number().nullable() });

export const storedResultSchema = z.object({
  at: epochMs,
  status: z.enum(['pass', 'warn', 'fail']),
  latencyMs: z.number().nullable(),
  failedProbe: z.string().nullable(),
  errorKind: z.enum(['timeout', 'stuck', 'error']).nullable(),
});

// ---------------------------------------------------------------- alerts

/** What an alert is about; an alert's rule is one of these, a metric's carrying the metric's name (`metric:<name>`). */
export const ALERT_RULE_KINDS = ['health', 'tls-expiry', 'tls-protocol', 'secret-expiry', 'key-rotation', 'metric'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

/** The kind of an alert's rule; null for a rule this version does not know. */
export function alertRuleKind(rule: string): AlertRuleKind | null {
  if (rule.startsWith('metric:')) return 'metric';
  return (ALERT_RULE_KINDS as readonly string[]).includes(rule) && rule !== 'metric' ? (rule as AlertRuleKind) : null;
}

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export const alertSchema = z.object({
  id: z.string(),
  /** The same every time this target's rule fires again, so PagerDuty folds it into one incident. */
  dedupKey: z.string(),
  targetId: z.string(),
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  grade: z.number().int(),
  peakGrade: z.number().int(),
  title: z.string(),
  detail: z.string(),
  /** For a connection's health: what failed, in codes (what notifications carry instead of the detail); absent in alerts kept from before it existed. */
  cause: causeSchema.nullable().default(null),
  status: z.enum(ALERT_STATUSES),
  openedAt: epochMs,
  updatedAt: epochMs,
  /** workstation: in team mode, the workstation another operator acknowledged it on first (null: this one). */
  acknowledged: z.object({ by: z.string(), at: epochMs, workstation: z.string().nullable().default(null) }).nullable(),
  resolved: z
    .object({
      at: epochMs,
      /** null: resolved by itself, on recovery. */
      by: z.string().nullable(),
      /** removed, disabled: its connection was, by `by`; nobody can act on an alert about a target no longer watched. */
      reason: z.enum(['recovered', 'manual', 'merged', 'removed', 'disabled']),
      mergedInto: z.string().nullable(),
    })
    .nullable(),
  escalation: z.object({
    policy: z.object({ levels: z.array(z.object({ afterMs: z.number() })), repeatEveryMs: z.number().nullable() }),
    level: z.number().int(),
    notifiedAt: epochMs,
  }),
  /** Targets depending on this one that failed with it; their own alerts are held back. */
  affected: z.array(z.string()),
  flapping: z.boolean(),
});
export type AlertRecord = z.infer<typeof alertSchema>;

/** An alert as the console shows it: with the names of the targets it is about. */
export const alertViewSchema = alertSchema.extend({ targetName: z.string(), affectedNames: z.array(z.string()) });
export type AlertView = z.infer<typeof alertViewSchema>;

/** The most alerts one alerts.list call returns. */
export const ALERT_LIST_MAX = 1000;

export const alertFilterSchema = z
  .object({
    /** active: open or acknowledged. */
    status: z.enum(['active', 'resolved', 'all']).default('active'),
    severities: z.array(z.enum(SEVERITIES)).max(3).optional(),
    targetId: targetIdSchema.optional(),
    limit: z.number().int().min(1).max(ALERT_LIST_MAX).default(200),
  })
  .strict();
export type AlertFilter = z.output<typeof alertFilterSchema>;

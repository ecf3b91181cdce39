import { monitorSettingsSchema, probePlanSchema, type MonitorSettings } from '../../../src-shared/monitoring';
import { fieldForPath, type FieldErrors } from '../../api/error-text';
import { wholeNumber } from '../../lib/rules';

type Selector = NonNullable<MonitorSettings['metrics']>['selectors'][number];
type Direction = NonNullable<Selector['threshold']>['direction'];

/**
 * Each field is named by its path in the monitor.configure input, so an
 * INVALID_INPUT issue from main (['settings', 'plan', 'timeoutMs']) lands on
 * it, and so does the same schema's issue found here first.
 */
export const FIELDS = {
  interval: 'settings.plan.intervalMs',
  timeout: 'settings.plan.timeoutMs',
  retries: 'settings.plan.retries',
  retryInterval: 'settings.plan.retryIntervalMs',
  latencyThreshold: 'settings.latencyThresholdMs',
  dependsOn: 'settings.dependsOn',
  metricsUrl: 'settings.metrics.url',
  selectors: 'settings.metrics.selectors',
} as const;

export const selectorField = (index: number, part: 'name' | 'labels' | 'threshold.direction' | 'threshold.warn' | 'threshold.critical') =>
  `${FIELDS.selectors}.${index}.${part}`;

/** In the order they appear, so focus goes to the first one at fault. */
export function fieldNames(selectorCount: number): string[] {
  const perSelector = Array.from({ length: selectorCount }, (_, i) =>
    (['name', 'labels', 'threshold.direction', 'threshold.warn', 'threshold.critical'] as const).map((part) => selectorField(i, part)),
  ).flat();
  return [...Object.values(FIELDS).filter((f) => f !== FIELDS.selectors), ...perSelector, FIELDS.selectors];
}

export interface SelectorDraft {
  /** Keeps each row's React identity while rows are added and removed. */
  key: number;
  name: string;
  /** As typed: quantile=0.95, job=api */
  labels: string;
  direction: Direction;
  warn: string;
  critical: string;
  /** Not shown in the form; kept as saved. */
  combine: Selector['combine'];
}

/** What the form holds: numbers as typed (the plan's times in seconds), checked only on save. */
export interface SettingsDraft {
  intervalS: string;
  timeoutS: string;
  retries: string;
  retryIntervalS: string;
  latencyThresholdMs: string;
  dependsOn: string[];
  metricsOn: boolean;
  metricsUrl: string;
  selectors: SelectorDraft[];
}

let nextKey = 1;

export function newSelector(): SelectorDraft {
  return { key: nextKey++, name: '', labels: '', direction: 'above', warn: '', critical: '', combine: undefined };
}

const seconds = (ms: number) => String(ms / 1000);
const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));

function selectorDraft(s: Selector): SelectorDraft {
  return {
    key: nextKey++,
    name: s.name,
    labels: Object.entries(s.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    direction: s.threshold?.direction ?? 'above',
    warn: numberText(s.threshold?.warn),
    critical: numberText(s.threshold?.critical),
    combine: s.combine,
  };
}

export function draftFrom(settings: MonitorSettings): SettingsDraft {
  const { plan, metrics } = settings;
  return {
    intervalS: seconds(plan.intervalMs),
    timeoutS: seconds(plan.timeoutMs),
    retries: String(plan.retries),
    retryIntervalS: seconds(plan.retryIntervalMs),
    latencyThresholdMs: settings.latencyThresholdMs === null ? '' : String(settings.latencyThresholdMs),
    dependsOn: settings.dependsOn,
    metricsOn: metrics !== null,
    metricsUrl: metrics?.url ?? '',
    selectors: metrics ? metrics.selectors.map(selectorDraft) : [newSelector()],
  };
}

// ------------------------------------------------------------ reading the draft back

type Bounds = { min: number; max: number };

const msBounds = (schema: { minValue: number | null; maxValue: number | null }): Bounds => ({
  min: schema.minValue ?? 0,
  max: schema.maxValue ?? Number.MAX_SAFE_INTEGER,
});

const PLAN = probePlanSchema.shape;
export const BOUNDS = {
  interval: msBounds(PLAN.intervalMs),
  timeout: msBounds(PLAN.timeoutMs),
  retries: msBounds(PLAN.retries),
  retryInterval: msBounds(PLAN.retryIntervalMs),
  latencyThreshold: msBounds(monitorSettingsSchema.shape.latencyThresholdMs.unwrap()),
};

const asSeconds = (ms: number) => (ms / 1000).toLocaleString();

/** The hint under a time field: its bounds in the seconds it is typed in. */
export function secondsRule({ min, max }: Bounds): string {
  return max >= Number.MAX_SAFE_INTEGER ? `At least ${asSeconds(min)} s.` : `${asSeconds(min)} to ${asSeconds(max)} s.`;
}

/** Seconds as typed (decimals allowed) to whole milliseconds, or the problem in the form's own unit. */
function readSeconds(text: string, bounds: Bounds, field: string, problems: FieldErrors): number {
  const typed = text.trim();
  const ms = Math.round(Number(typed) * 1000);
  if (!/^\d+(\.\d+)?$/.test(typed) || ms < bounds.min || ms > bounds.max) {
    problems[field] = bounds.max >= Number.MAX_SAFE_INTEGER
      ? `Enter a number of seconds, at least ${asSeconds(bounds.min)}`
      : `Enter a number of seconds from ${asSeconds(bounds.min)} to ${asSeconds(bounds.max)}`;
  }
  return ms;
}

function readWhole(text: string, bounds: Bounds, field: string, problems: FieldErrors): number {
  const parsed = wholeNumber(text, bounds.min, bounds.max);
  if ('value' in parsed) return parsed.value;
  problems[field] = parsed.problem;
  return Number.NaN;
}

function readOptionalNumber(text: string, field: string, problems: FieldErrors): number | undefined {
  if (!text.trim()) return undefined;
  const value = Number(text.trim());
  if (Number.isFinite(value)) return value;
  problems[field] = 'Enter a number, or leave it empty';
  return undefined;
}

const LABEL_PAIR = /^([^=\s]+)\s*=\s*"?([^"]*)"?$/;

function readLabels(text: string, field: string, problems: FieldErrors): Record<string, string> | undefined {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return undefined;
  const labels: Record<string, string> = {};
  for (const part of parts) {
    const m = LABEL_PAIR.exec(part);
    if (!m) {
      problems[field] = 'Write each label as name=value, separated by commas';
      return undefined;
    }
    labels[m[1] as string] = m[2] as string;
  }
  return labels;
}

function readSelector(s: SelectorDraft, i: number, problems: FieldErrors): Selector {
  const warn = readOptionalNumber(s.warn, selectorField(i, 'threshold.warn'), problems);
  const critical = readOptionalNumber(s.critical, selectorField(i, 'threshold.critical'), problems);
  const labels = readLabels(s.labels, selectorField(i, 'labels'), problems);
  const threshold = warn === undefined && critical === undefined ? undefined : withoutUndefined({ direction: s.direction, warn, critical });
  return withoutUndefined({ name: s.name.trim(), labels, threshold, combine: s.combine });
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The settings the form stands for, checked with the contract's schema; or
 * the problems, by field. Numbers are checked here first so the words use
 * the form's units (seconds), not the schema's milliseconds.
 */
export function buildSettings(draft: SettingsDraft): { settings: MonitorSettings; problems: FieldErrors } {
  const problems: FieldErrors = {};
  const plan = {
    intervalMs: readSeconds(draft.intervalS, BOUNDS.interval, FIELDS.interval, problems),
    timeoutMs: readSeconds(draft.timeoutS, BOUNDS.timeout, FIELDS.timeout, problems),
    retries: readWhole(draft.retries, BOUNDS.retries, FIELDS.retries, problems),
    retryIntervalMs: readSeconds(draft.retryIntervalS, BOUNDS.retryInterval, FIELDS.retryInterval, problems),
  };
  const latencyThresholdMs = draft.latencyThresholdMs.trim()
    ? readWhole(draft.latencyThresholdMs, BOUNDS.latencyThreshold, FIELDS.latencyThreshold, problems)
    : null;
  if (draft.metricsOn && draft.selectors.length === 0) problems[FIELDS.selectors] = 'Add at least one metric to read';
  const settings: MonitorSettings = {
    plan,
    latencyThresholdMs,
    dependsOn: draft.dependsOn,
    metrics: draft.metricsOn ? { url: draft.metricsUrl.trim(), selectors: draft.selectors.map((s, i) => readSelector(s, i, problems)) } : null,
  };
  const names = fieldNames(draft.selectors.length);
  for (const issue of monitorSettingsSchema.safeParse(settings).error?.issues ?? []) {
    // Issues about something the form does not show go to main, whose answer appears above the form.
    const field = fieldForPath(['settings', ...(issue.path as (string | number)[])], names);
    if (field && !problems[field]) problems[field] = issue.message;
  }
  return { settings, problems };
}

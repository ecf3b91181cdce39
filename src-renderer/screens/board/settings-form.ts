import type { UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { monitorSettingsSchema, probePlanSchema, type MonitorSettings } from '../../../src-shared/monitoring';
import { boundsOf, fieldPaths, readField, reportIssues, wholeNumberText, type Bounds } from '../../lib/form-fields';
import type { FieldBinding } from '../../lib/forms';

type Selector = NonNullable<MonitorSettings['metrics']>['selectors'][number];

/** One metric to read, as typed. */
export interface SelectorValues {
  name: string;
  /** As typed: quantile=0.95, job=api */
  labels: string;
  threshold: { direction: 'above' | 'below'; warn: string; critical: string };
  /** Not shown in the form; kept as saved. */
  combine?: Selector['combine'];
}

/**
 * The form as typed, named by the monitor.configure input's paths so main's
 * issues (['settings', 'plan', 'timeoutMs']) land on their fields; the
 * plan's times are typed in seconds.
 */
export interface SettingsValues {
  settings: {
    plan: { intervalMs: string; timeoutMs: string; retries: string; retryIntervalMs: string };
    latencyThresholdMs: string;
    dependsOn: string[];
    metrics: { url: string; selectors: SelectorValues[] };
  };
  /** Whether the metrics endpoint is read at all. */
  metricsOn: boolean;
}

export type SettingsForm = UseFormReturn<SettingsValues, unknown, MonitorSettings>;
export type SettingsField = (name: Parameters<SettingsForm['register']>[0]) => FieldBinding;

export function newSelector(): SelectorValues {
  return { name: '', labels: '', threshold: { direction: 'above', warn: '', critical: '' } };
}

const seconds = (ms: number) => String(ms / 1000);
const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));

function selectorValues(s: Selector): SelectorValues {
  return {
    name: s.name,
    labels: Object.entries(s.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    threshold: { direction: s.threshold?.direction ?? 'above', warn: numberText(s.threshold?.warn), critical: numberText(s.threshold?.critical) },
    combine: s.combine,
  };
}

export function valuesFrom(settings: MonitorSettings): SettingsValues {
  const { plan, metrics } = settings;
  return {
    settings: {
      plan: { intervalMs: seconds(plan.intervalMs), timeoutMs: seconds(plan.timeoutMs), retries: String(plan.retries), retryIntervalMs: seconds(plan.retryIntervalMs) },
      latencyThresholdMs: settings.latencyThresholdMs === null ? '' : String(settings.latencyThresholdMs),
      dependsOn: settings.dependsOn,
      metrics: { url: metrics?.url ?? '', selectors: metrics ? metrics.selectors.map(selectorValues) : [newSelector()] },
    },
    metricsOn: metrics !== null,
  };
}

// ------------------------------------------------------------ reading the form back

const PLAN = probePlanSchema.shape;
export const BOUNDS = {
  interval: boundsOf(PLAN.intervalMs),
  timeout: boundsOf(PLAN.timeoutMs),
  retries: boundsOf(PLAN.retries),
  retryInterval: boundsOf(PLAN.retryIntervalMs),
  latencyThreshold: boundsOf(monitorSettingsSchema.shape.latencyThresholdMs.unwrap()),
};

const asSeconds = (ms: number) => (ms / 1000).toLocaleString();

/** The hint under a time field: its bounds in the seconds it is typed in. */
export function secondsRule({ min, max }: Bounds): string {
  return max >= Number.MAX_SAFE_INTEGER ? `At least ${asSeconds(min)} s.` : `${asSeconds(min)} to ${asSeconds(max)} s.`;
}

/** Seconds as typed (decimals allowed) to whole milliseconds, or null when not a number of seconds in bounds. */
function readSeconds(text: string, bounds: Bounds): number | null {
  const typed = text.trim();
  const ms = Math.round(Number(typed) * 1000);
  return /^\d+(\.\d+)?$/.test(typed) && ms >= bounds.min && ms <= bounds.max ? ms : null;
}

function secondsProblem(bounds: Bounds): string {
  return bounds.max >= Number.MAX_SAFE_INTEGER
    ? `Enter a number of seconds, at least ${asSeconds(bounds.min)}`
    : `Enter a number of seconds from ${asSeconds(bounds.min)} to ${asSeconds(bounds.max)}`;
}

const LABEL_PAIR = /^([^=\s]+)\s*=\s*"?([^"]*)"?$/;

/** "quantile=0.95, job=\"api\"" as labels; undefined when empty; null when not written as name=value pairs. */
function readLabels(text: string): Record<string, string> | undefined | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return undefined;
  const labels: Record<string, string> = {};
  for (const part of parts) {
    const m = LABEL_PAIR.exec(part);
    if (!m) return null;
    labels[m[1] as string] = m[2] as string;
  }
  return labels;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The settings the form stands for. Numbers are checked here first so the
 * words use the form's units (seconds), not the schema's milliseconds; the
 * contract's schema then has its say, on the fields it names (a timeout
 * longer than the interval, a URL).
 */
export const settingsSchema = z
  .object({
    settings: z.object({
      plan: z.object({ intervalMs: z.string(), timeoutMs: z.string(), retries: z.string(), retryIntervalMs: z.string() }),
      latencyThresholdMs: z.string(),
      dependsOn: z.array(z.string()),
      metrics: z.object({
        url: z.string(),
        selectors: z.array(
          z.object({
            name: z.string(),
            labels: z.string(),
            threshold: z.object({ direction: z.enum(['above', 'below']), warn: z.string(), critical: z.string() }),
            combine: z.enum(['worst', 'sum']).optional(),
          }),
        ),
      }),
    }),
    metricsOn: z.boolean(),
  })
  .transform((form, ctx): MonitorSettings => {
    const refuse = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['settings', ...path], message });
    const { plan: typed, metrics } = form.settings;
    const inSeconds = (key: 'intervalMs' | 'timeoutMs' | 'retryIntervalMs', bounds: Bounds) => {
      const ms = readSeconds(typed[key], bounds);
      if (ms === null) refuse(['plan', key], secondsProblem(bounds));
      return ms ?? Number.NaN;
    };
    const whole = (text: string, bounds: Bounds, path: string[]) => readField(ctx, wholeNumberText(bounds), text, ['settings', ...path]) ?? Number.NaN;
    const optionalNumber = (text: string, path: (string | number)[]) => {
      if (!text.trim()) return undefined;
      const value = Number(text.trim());
      if (!Number.isFinite(value)) refuse(path, 'Enter a number, or leave it empty');
      return value;
    };
    const plan = {
      intervalMs: inSeconds('intervalMs', BOUNDS.interval),
      timeoutMs: inSeconds('timeoutMs', BOUNDS.timeout),
      retries: whole(typed.retries, BOUNDS.retries, ['plan', 'retries']),
      retryIntervalMs: inSeconds('retryIntervalMs', BOUNDS.retryInterval),
    };
    const latency = form.settings.latencyThresholdMs;
    const latencyThresholdMs = latency.trim() ? whole(latency, BOUNDS.latencyThreshold, ['latencyThresholdMs']) : null;
    if (form.metricsOn && metrics.selectors.length === 0) refuse(['metrics', 'selectors'], 'Add at least one metric to read');
    const selectors = metrics.selectors.map((s, i): Selector => {
      const at = ['metrics', 'selectors', i];
      const warn = optionalNumber(s.threshold.warn, [...at, 'threshold', 'warn']);
      const critical = optionalNumber(s.threshold.critical, [...at, 'threshold', 'critical']);
      const labels = readLabels(s.labels);
      if (labels === null) refuse([...at, 'labels'], 'Write each label as name=value, separated by commas');
      const threshold = warn === undefined && critical === undefined ? undefined : withoutUndefined({ direction: s.threshold.direction, warn, critical });
      return withoutUndefined({ name: s.name.trim(), labels: labels ?? undefined, threshold, combine: s.combine });
    });
    const settings: MonitorSettings = {
      plan,
      latencyThresholdMs,
      dependsOn: form.settings.dependsOn,
      metrics: form.metricsOn ? { url: metrics.url.trim(), selectors } : null,
    };
    reportIssues(ctx, monitorSettingsSchema.safeParse(settings).error?.issues, fieldPaths(form), ['settings']);
    return settings;
  });

/** Where main's issue about the metrics list as a whole lands: above the list. */
export function selectorsField(path: string[]): string | undefined {
  return path.join('.') === 'settings.metrics.selectors' ? 'settings.metrics.selectors.root' : undefined;
}

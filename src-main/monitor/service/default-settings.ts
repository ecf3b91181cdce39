/**
 * What a target is monitored with until someone changes it. The embedded
 * sandbox's connection also scrapes the sandbox's medical AI service, so a
 * fresh console shows the metrics probe at work with no configuration.
 */
import { DEFAULT_PROBE_PLAN, type MonitorSettings } from '../../../src-shared/monitoring';
import type { ConnectionRecord } from '../../connections';
import { AI_METRICS_PATH } from '../../sandbox';

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = { plan: DEFAULT_PROBE_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null };

/** The seed's medical AI readings, with the limits a clinical safety officer would start from. */
const AI_SERVICE_SELECTORS: NonNullable<MonitorSettings['metrics']>['selectors'] = [
  { name: 'model_accuracy_score', threshold: { direction: 'below', warn: 0.85, critical: 0.75 } },
  { name: 'http_request_duration_seconds', labels: { quantile: '0.95' }, threshold: { direction: 'above', warn: 1, critical: 2.5 } },
  { name: 'active_clinical_sessions', combine: 'sum' },
  { name: 'clinical_sessions_at_risk', combine: 'sum' },
  { name: 'clinical_decisions_last_hour', combine: 'sum' },
];

export function defaultSettingsFor(record: ConnectionRecord | null): MonitorSettings {
  if (!record?.sandbox) return DEFAULT_MONITOR_SETTINGS;
  return { ...DEFAULT_MONITOR_SETTINGS, metrics: { url: new URL(AI_METRICS_PATH, record.config.baseUrl).href, selectors: AI_SERVICE_SELECTORS } };
}

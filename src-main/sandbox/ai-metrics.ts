/**
 * The medical AI service beside the sandbox EHR: its Prometheus /metrics,
 * so the monitor's metrics probe has something real to scrape on a fresh
 * console. Readings drift gently with time so the board looks alive; the
 * "model drift" switch sends accuracy and latency past their limits.
 */
import type { SandboxFaults } from '../../src-shared/sandbox-state';

export const AI_METRICS_PATH = '/ai/metrics';

const MODELS = [
  { model: 'sepsis-risk', version: '3.2', accuracy: 0.95 },
  { model: 'readmission', version: '1.9', accuracy: 0.94 },
];

const round = (n: number, places: number) => Number(n.toFixed(places));

export function aiMetricsExposition(faults: SandboxFaults, now: number): string {
  // A slow wave (about 10 minutes) rather than noise: two scrapes a few seconds apart agree.
  const wave = Math.sin(now / 100_000);
  const drift = faults.modelDrift;
  const p95 = drift ? 3.4 + 0.2 * wave : 0.42 + 0.05 * wave;
  const lines = [
    '# HELP model_accuracy_score Rolling accuracy of the model against adjudicated cases.',
    '# TYPE model_accuracy_score gauge',
    ...MODELS.map((m) => `model_accuracy_score{model="${m.model}",version="${m.version}"} ${round(drift ? m.accuracy - 0.22 : m.accuracy + 0.01 * wave, 4)}`),
    '# HELP active_clinical_sessions Clinician sessions open right now.',
    '# TYPE active_clinical_sessions gauge',
    `active_clinical_sessions ${Math.round(42 + 6 * wave)}`,
    '# HELP clinical_sessions_at_risk Active clinician sessions whose recommendations the model flags as unreliable.',
    '# TYPE clinical_sessions_at_risk gauge',
    `clinical_sessions_at_risk ${drift ? 6 : 1}`,
    '# HELP clinical_decisions_last_hour Decisions the models supported in the last hour.',
    '# TYPE clinical_decisions_last_hour gauge',
    `clinical_decisions_last_hour ${Math.round((drift ? 40 : 310) + 25 * wave)}`,
    '# HELP http_request_duration_seconds Inference request latency.',
    '# TYPE http_request_duration_seconds summary',
    `http_request_duration_seconds{quantile="0.5"} ${round(p95 / 3, 3)}`,
    `http_request_duration_seconds{quantile="0.95"} ${round(p95, 3)}`,
    `http_request_duration_seconds{quantile="0.99"} ${round(p95 * 1.6, 3)}`,
    `http_request_duration_seconds_sum ${round(1843.2 + now / 1e9, 1)}`,
    'http_request_duration_seconds_count 12904',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * One evaluation: the indicators from the other services' faces, the HIPAA
 * score, the overall score, each stored with the settings version that
 * judged it, and the episodes told. Synchronous on purpose: a tick is a few
 * in-memory sums and one small transaction (bench/safety.ts measures it with
 * 2,000 connections). The audit chain's walk is the one slow input: it runs
 * off the main thread on its own slower cadence, and the ticks use its last answer.
 */
import {
  DIRECTION_OF,
  INDICATOR_IDS,
  type AuditVerifyResult,
  type Compliance,
  type IndicatorId,
  type Level,
  type SafetySettings,
} from '../../src-shared/contract';
import type { AuditApi } from '../audit';
import type { Clock } from '../clock';
import type { MonitorApi } from '../monitor';
import type { NotifyApi } from '../notify';
import type { UsersApi } from '../users';
import { complianceScore } from './compliance';
import type { Episodes } from './episodes';
import { HOUR_MS, type History, type Sample } from './history';
import { readIndicators, type Reading } from './indicators';
import type { SelfTestResult } from './phi-self-test';
import { levelOf, overallScore } from './score';
import type { SettingsRepo } from './settings-repo';

export interface Evaluation {
  at: number;
  settingsVersion: number;
  readings: Record<IndicatorId, Reading & { level: Level }>;
  overall: { value: number | null; level: Level };
  compliance: Compliance | null;
}

export interface EvaluatorDeps {
  clock: Clock;
  settings: SettingsRepo;
  history: History;
  episodes: Episodes;
  monitor: Pick<MonitorApi, 'lastHour'>;
  audit: Pick<AuditApi, 'tally'>;
  notify: Pick<NotifyApi, 'routes'>;
  users: Pick<UsersApi, 'accessPolicy'>;
  /** The database file is not plaintext SQLite. */
  encrypted: boolean;
  /** The redaction self-test's result, made once with the module: it could change only with the redactor's code, not between ticks. */
  selfTest: SelfTestResult;
}

const thresholdCrossed = (level: Level, t: { warning: number; critical: number }) => (level === 'critical' ? t.critical : t.warning);

export class Evaluator {
  private verify: AuditVerifyResult | null = null;
  private last: Evaluation | null = null;

  constructor(private readonly deps: EvaluatorDeps) {}

  /** The audit chain's latest verdict, from the slower walk. */
  setVerify(result: AuditVerifyResult): void {
    this.verify = result;
  }

  latest(): Evaluation | null {
    return this.last;
  }

  evaluate(): Evaluation {
    const { deps } = this;
    const at = deps.clock.now();
    const { version, settings } = deps.settings.current();
    const connections = deps.monitor.lastHour();
    const compliance = this.compliance(at, connections.length, connections.reduce((n, c) => n + c.runs, 0));
    const accuracyHour = deps.history.samples('accuracy_trend', at - HOUR_MS, at).flatMap((s) => (s.value === null ? [] : [s.value]));
    const raw = readIndicators({ connections, accuracyHour, compliance });
    const readings = judge(raw, settings);
    const values = Object.fromEntries(INDICATOR_IDS.map((id) => [id, readings[id].value])) as Record<IndicatorId, number | null>;
    const overallValue = overallScore(values, settings);
    const overall = { value: overallValue, level: levelOf(overallValue, settings.overall, 'higher') };

    const samples: Sample[] = [...INDICATOR_IDS.map((id) => ({ key: id, value: readings[id].value, level: readings[id].level })), { key: 'overall', ...overall }];
    deps.history.record(at, version, samples);
    for (const id of INDICATOR_IDS) {
      const r = readings[id];
      deps.episodes.observe({ key: id, level: r.level, value: r.value, threshold: thresholdCrossed(r.level, settings.indicators[id]), detail: r.detail, settingsVersion: version }, at);
    }
    deps.episodes.observe(
      {
        key: 'overall',
        ...overall,
        threshold: thresholdCrossed(overall.level, settings.overall),
        detail: overall.value === null ? 'No indicator has data' : `Weighted mean of ${INDICATOR_IDS.filter((id) => values[id] !== null).length} indicators with data`,
        settingsVersion: version,
      },
      at,
    );
    this.last = { at, settingsVersion: version, readings, overall, compliance };
    return this.last;
  }

  private compliance(at: number, monitoredConnections: number, runsLastHour: number): Compliance | null {
    if (!this.verify) return null;
    const { deps } = this;
    const tally = deps.audit.tally(at - HOUR_MS);
    return complianceScore({
      at,
      audit: { verify: this.verify, tally },
      phi: { encrypted: deps.encrypted, selfTest: deps.selfTest },
      access: { policy: deps.users.accessPolicy(), windowMinutes: 60, failedPasswords: tally.failedPasswords, forbidden: tally.forbidden },
      breach: { monitoredConnections, runsLastHour, routes: deps.notify.routes() },
    });
  }
}

export function judge(raw: Record<IndicatorId, Reading>, settings: SafetySettings): Evaluation['readings'] {
  return Object.fromEntries(INDICATOR_IDS.map((id) => [id, { ...raw[id], level: levelOf(raw[id].value, settings.indicators[id], DIRECTION_OF[id]) }])) as Evaluation['readings'];
}

/**
 * Violations become safety incidents, one per episode: an incident opens
 * when a series first reaches warning, follows the episode (its worst value,
 * its level now) while it lasts, and closes itself when the series is back
 * to safe; it stays for the safety officer's review. No data changes
 * nothing: a gap neither opens nor closes an episode.
 *
 * Warning notifies the routes that hear SEV2; critical (at once or later in
 * the episode) notifies at SEV1, raises a SEV1 alert through the monitor,
 * opens an Emergency ticket (clinical, patient safety) linked to the alert,
 * and puts the seed's recommended action on the incident. What Vigil does
 * here is audited under the 'vigil' actor.
 */
import { v7 as uuidv7 } from 'uuid';
import { DIRECTION_OF, type Level, type RecommendedActionCode, type SafetyIncident, type SeriesKey } from '../../src-shared/contract';
import { auditTarget, type AuditWriter } from '../audit';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { MonitorApi } from '../monitor';
import type { NotifyApi } from '../notify';
import type { TicketsApi } from '../tickets';
import { seriesLabel, type IncidentRepo } from './incident-repo';

/** The seed's automated safety actions, as advice on the incident (runbooks link to the code). */
export const RECOMMENDED: Record<RecommendedActionCode, string> = {
  prepare_model_rollback: 'Prepare a rollback to the previous model version; roll back if clinical activity allows.',
  scale_capacity: 'Add capacity: scale up the AI and EHR integration resources behind the slow connections.',
  notify_clinical_users: 'Notify every clinician with an active session that AI recommendations are at risk.',
  clinical_review: 'Immediate clinical review recommended.',
};

export function recommendedAction(key: SeriesKey): { code: RecommendedActionCode; text: string } {
  const code: RecommendedActionCode =
    key === 'accuracy_trend' ? 'prepare_model_rollback' : key === 'response_time_health' ? 'scale_capacity' : key === 'clinical_session_risk' ? 'notify_clinical_users' : 'clinical_review';
  return { code, text: RECOMMENDED[code] };
}

export interface Observation {
  key: SeriesKey;
  level: Level;
  value: number | null;
  /** The threshold the level crossed (warning's or critical's). */
  threshold: number;
  detail: string;
  settingsVersion: number;
}

export interface EpisodesDeps {
  repo: IncidentRepo;
  monitor: Pick<MonitorApi, 'raise'>;
  tickets: Pick<TicketsApi, 'open'>;
  notify: Pick<NotifyApi, 'notice'>;
  audit: AuditWriter;
  events: EventBus;
  log: Logger;
}

const ACTOR = 'vigil';
const worse = (key: SeriesKey, a: number, b: number) => (key !== 'overall' && DIRECTION_OF[key] === 'lower' ? Math.max(a, b) : Math.min(a, b));

export class Episodes {
  constructor(private readonly deps: EpisodesDeps) {}

  observe(o: Observation, at: number): void {
    if (o.level === 'no_data' || o.value === null) return;
    const open = this.deps.repo.open(o.key);
    if (o.level === 'ok') {
      if (open) this.recover(open, at);
      return;
    }
    const level = o.level;
    if (!open) {
      this.start({ ...o, level, value: o.value }, at);
      return;
    }
    this.deps.repo.update(open.id, { level, worstValue: worse(o.key, open.worstValue, o.value), threshold: level === 'critical' ? o.threshold : open.threshold, detail: o.detail });
    if (level === 'critical' && open.action === null) this.escalate(this.deps.repo.find(open.id)!, at);
    else if (open.alertId) this.raise(o.key, 'SEV1', o.detail);
    if (level !== open.level) this.changed(open.id, at);
  }

  private start(o: Observation & { level: 'warning' | 'critical'; value: number }, at: number): void {
    const id = uuidv7();
    this.deps.repo.insert({ id, indicator: o.key, level: o.level, openedAt: at, value: o.value, threshold: o.threshold, detail: o.detail, settings: o.settingsVersion });
    const incident = this.deps.repo.find(id)!;
    this.deps.audit.record(ACTOR, {
      action: 'safety.incident.opened',
      target: auditTarget.safetyIncident(id),
      detail: { number: incident.number, indicator: o.key, level: o.level, value: o.value, threshold: o.threshold, settingsVersion: o.settingsVersion },
    });
    if (o.level === 'critical') this.escalate(incident, at);
    else this.notice(incident, 'triggered', at);
    this.changed(id, at);
  }

  /** Critical: SEV1 notice and alert, the Emergency ticket, the recommended action. Each step stands alone: one failing does not stop the others. */
  private escalate(incident: SafetyIncident, at: number): void {
    const action = recommendedAction(incident.indicator);
    const alert = this.attempt('raise its SEV1 alert', () => this.raise(incident.indicator, 'SEV1', incident.detail), null);
    const ticket = this.attempt(
      'open its Emergency ticket',
      () => {
        const title = `Patient safety: ${incident.label} critical (${incident.worstValue.toFixed(3)})`;
        const opened = this.deps.tickets.open(
          {
            title,
            description: `${incident.detail}\n\nSafety incident #${incident.number} opened by Vigil's patient-safety score.\nRecommended action: ${action.text}`,
            requester: { name: 'Vigil safety score', department: 'Clinical safety', contact: '' },
            priority: 'emergency',
            category: 'clinical',
            emergency: 'patient_safety',
            tags: ['patient-safety', incident.indicator],
            assignee: null,
            tier: 1,
            links: alert ? [{ kind: 'alert', ref: alert.id, label: alert.title }] : [],
          },
          ACTOR,
        );
        this.deps.audit.record(ACTOR, {
          action: 'tickets.create',
          target: auditTarget.ticket(opened.id),
          detail: { number: opened.number, safetyIncident: incident.id, priority: 'emergency', category: 'clinical' },
        });
        return opened;
      },
      null,
    );
    this.deps.repo.escalated(incident.id, { action, ticket, alertId: alert?.id ?? null });
    this.deps.audit.record(ACTOR, {
      action: 'safety.incident.escalated',
      target: auditTarget.safetyIncident(incident.id),
      detail: { indicator: incident.indicator, action: action.code, ticketId: ticket?.id ?? null, alertId: alert?.id ?? null },
    });
    this.notice({ ...incident, level: 'critical' }, 'triggered', at);
  }

  private recover(open: SafetyIncident, at: number): void {
    this.deps.repo.close(open.id, at);
    if (open.alertId) this.attempt('resolve its alert', () => this.deps.monitor.raise('safety', open.indicator, 'clear'), null);
    this.deps.audit.record(ACTOR, {
      action: 'safety.incident.recovered',
      target: auditTarget.safetyIncident(open.id),
      detail: { number: open.number, indicator: open.indicator, openedAt: open.openedAt },
    });
    this.notice(open, 'resolved', at);
    this.changed(open.id, at);
  }

  private raise(key: SeriesKey, severity: 'SEV1', detail: string) {
    return this.deps.monitor.raise('safety', key, { severity, title: `${seriesLabel(key)} critical`, detail });
  }

  private notice(incident: SafetyIncident, event: 'triggered' | 'resolved', at: number): void {
    this.deps.notify.notice({
      key: `vigil/safety/${incident.id}`,
      subjectId: auditTarget.safetyIncident(incident.id),
      subject: { name: `Safety incident #${incident.number} · ${incident.label}` },
      event,
      severity: incident.level === 'critical' || incident.peakLevel === 'critical' ? 'SEV1' : 'SEV2',
      level: 1,
      rule: `safety.${incident.indicator}`,
      summary:
        event === 'resolved'
          ? `${incident.label} is back within its thresholds; the incident awaits review.`
          : `${incident.label} at ${incident.level}: ${incident.detail}`,
      openedAt: incident.openedAt,
      ...(event === 'resolved' ? { resolvedAt: at } : {}),
      details: { indicator: incident.indicator, worstValue: Number(incident.worstValue.toFixed(4)), threshold: incident.threshold },
      audience: 'safety',
    });
  }

  private changed(incidentId: string, at: number): void {
    this.deps.events.emit('safety.updated', { at, incidentId });
  }

  private attempt<T>(what: string, act: () => T, fallback: T): T {
    try {
      return act();
    } catch (err) {
      this.deps.log.error(`safety: a critical incident could not ${what}`, { error: err });
      return fallback;
    }
  }
}

/** Contract handlers for the Safety screen: overview, history, incidents and their review and sign-off, settings, the monthly report. */
import { v7 as uuidv7 } from 'uuid';
import { DIRECTION_OF, INDICATOR_IDS, INDICATOR_LABELS, type HistoryRange, type SafetyIncident, type SeriesKey } from '../../src-shared/contract';
import { auditTarget } from '../audit';
import type { Clock } from '../clock';
import { DispatchError, type HandlerContext, type HandlerTable } from '../dispatch';
import type { EventBus } from '../events';
import type { UsersApi } from '../users';
import type { Evaluator } from './evaluator';
import { DAY_MS, HOUR_MS, type History } from './history';
import type { IncidentRepo } from './incident-repo';
import { monthlyReport, reportWithCsv, type ReportDeps } from './report';
import { canonicalJson, signatureHash } from './signatures';
import { SettingsConflictError, type SettingsRepo } from './settings-repo';

type SafetyChannels =
  | 'safety.overview'
  | 'safety.history'
  | 'safety.incidents.list'
  | 'safety.incidents.acknowledge'
  | 'safety.incidents.comment'
  | 'safety.incidents.sign'
  | 'safety.settings.get'
  | 'safety.settings.save'
  | 'safety.report'
  | 'safety.report.csv';

export interface SafetyHandlerDeps {
  clock: Clock;
  events: EventBus;
  evaluator: Evaluator;
  history: History;
  incidents: IncidentRepo;
  settings: SettingsRepo;
  users: Pick<UsersApi, 'confirmPassword'>;
  report: ReportDeps;
}

const RANGES: Record<HistoryRange, { spanMs: number; period: 'raw' | 'hour' | 'day' }> = {
  '24h': { spanMs: DAY_MS, period: 'raw' },
  '7d': { spanMs: 7 * DAY_MS, period: 'hour' },
  '30d': { spanMs: 30 * DAY_MS, period: 'hour' },
  '365d': { spanMs: 365 * DAY_MS, period: 'day' },
};

// Every safety channel needs a session, so there always is a caller.
const username = (ctx: HandlerContext) => ctx.caller!.username;

/** What a signature covers: the incident as it stands when signed, comments included. */
function signedContent(i: SafetyIncident): string {
  const { signatures: _signatures, ...content } = i;
  return canonicalJson(content);
}

export function safetyHandlers(deps: SafetyHandlerDeps): HandlerTable<SafetyChannels> {
  const { clock, incidents, history } = deps;
  const load = (id: string) => {
    const found = incidents.find(id);
    if (!found) throw new DispatchError('NOT_FOUND', 'There is no such safety incident.');
    return found;
  };
  const changed = (id: string) => deps.events.emit('safety.updated', { at: clock.now(), incidentId: id });
  const thresholdsOf = (key: SeriesKey) => {
    const { settings } = deps.settings.current();
    const { warning, critical } = key === 'overall' ? settings.overall : settings.indicators[key];
    return { warning, critical };
  };

  return {
    'safety.overview': () => {
      const now = clock.now();
      const latest = deps.evaluator.latest();
      const { settings } = deps.settings.current();
      const counts = incidents.counts();
      return {
        score: latest ? { value: latest.overall.value, level: latest.overall.level, at: latest.at, settingsVersion: latest.settingsVersion } : null,
        indicators: INDICATOR_IDS.map((id) => {
          const r = latest?.readings[id];
          const t = settings.indicators[id];
          return {
            id,
            label: INDICATOR_LABELS[id],
            direction: DIRECTION_OF[id],
            value: r?.value ?? null,
            level: r?.level ?? 'no_data',
            reason: r ? r.reason : 'Not evaluated yet',
            detail: r?.detail ?? 'Not evaluated yet',
            warning: t.warning,
            critical: t.critical,
            weight: t.weight,
            spark: history.samples(id, now - HOUR_MS, now + 1).map((s) => s.value),
          };
        }),
        compliance: latest?.compliance ?? null,
        overall: settings.overall,
        openIncidents: counts.open,
        unsigned: counts.unsigned,
        now,
      };
    },

    'safety.history': ({ key, range }) => {
      const now = clock.now();
      const { spanMs, period } = RANGES[range];
      const from = now - spanMs;
      const points =
        period === 'raw'
          ? history.samples(key, from, now + 1).map((s) => ({ start: s.at, mean: s.value, min: s.value }))
          : history.buckets(period, key, from, now + 1).map((b) => ({ start: b.start, mean: b.n === 0 ? null : b.sum / b.n, min: b.min }));
      return {
        key,
        stepMs: period === 'raw' ? 30_000 : period === 'hour' ? HOUR_MS : DAY_MS,
        points,
        thresholds: thresholdsOf(key),
        direction: key === 'overall' ? 'higher' : DIRECTION_OF[key],
      };
    },

    'safety.incidents.list': ({ filter, limit }) => ({ incidents: incidents.list(filter, limit) }),

    'safety.incidents.acknowledge': ({ id }, ctx) => {
      ctx.audit({ target: auditTarget.safetyIncident(id) });
      load(id);
      if (!incidents.acknowledge(id, username(ctx), clock.now())) throw new DispatchError('CONFLICT', 'Someone already acknowledged this incident.');
      changed(id);
      return { incident: load(id) };
    },

    'safety.incidents.comment': ({ id, text }, ctx) => {
      ctx.audit({ target: auditTarget.safetyIncident(id), detail: { length: text.length } });
      load(id);
      incidents.comment(id, username(ctx), clock.now(), text);
      changed(id);
      return { incident: load(id) };
    },

    'safety.incidents.sign': async ({ id, password, meaning }, ctx) => {
      ctx.audit({ target: auditTarget.safetyIncident(id), detail: { meaning } });
      load(id);
      const signer = await deps.users.confirmPassword(username(ctx), password, ctx.source);
      // After the last await: the incident read as it is now is what the signature covers.
      const incident = load(id);
      const signedAt = clock.now();
      const content = signedContent(incident);
      const hash = signatureHash({ incidentId: id, content, signer: signer.username, signedAt, meaning });
      const signatureId = uuidv7();
      incidents.sign({ id: signatureId, incident_id: id, signer: signer.username, printed_name: signer.displayName, meaning, signed_at: signedAt, content, hash });
      ctx.audit({ detail: { meaning, signatureId, printedName: signer.displayName, hash } });
      changed(id);
      const signed = load(id);
      return { incident: signed, signature: signed.signatures.find((s) => s.id === signatureId)! };
    },

    'safety.settings.get': () => deps.settings.current(),

    'safety.settings.save': ({ expectedVersion, settings }, ctx) => {
      ctx.audit({ target: auditTarget.safetySettings(), detail: { expectedVersion, settings } });
      try {
        const saved = deps.settings.save(expectedVersion, settings, clock.now(), username(ctx));
        ctx.audit({ detail: { version: saved.version } });
        deps.events.emit('safety.updated', { at: clock.now(), incidentId: null });
        return saved;
      } catch (err) {
        if (err instanceof SettingsConflictError) throw new DispatchError('CONFLICT', err.message);
        throw err;
      }
    },

    'safety.report': (month) => monthlyReport(deps.report, month, clock.now()),

    'safety.report.csv': (month, ctx) => {
      ctx.audit({ target: auditTarget.safetyReport(month.label) });
      const { filename, csv } = reportWithCsv(deps.report, month, clock.now());
      return { filename, csv };
    },
  };
}

/** A KPI report and settings as main sends them, for the KPI screen's tests. */
import { DEFAULT_KPI_SETTINGS, KPI_IDS, type KpiReport, type KpiSettings, type KpiValue } from '../../../src-shared/contract';
import { NOW } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The seed's targets (as main starts with them), and 120 licensed clinicians. */
export const KPI_SETTINGS: KpiSettings = { ...DEFAULT_KPI_SETTINGS, licensedClinicians: 120 };

const VALUES: Record<KpiValue['id'], [number | null, number | null]> = {
  firstResponseMean: [18 * 60_000, 21 * 60_000],
  resolutionMean: [5.5 * HOUR, 6 * HOUR],
  resolutionP50: [3 * HOUR, 3.2 * HOUR],
  resolutionP90: [14 * HOUR, 12 * HOUR],
  slaFirstResponse: [96.5, 94],
  slaResolution: [88.25, 90],
  escalationRate: [12.5, 11],
  csatMean: [4.21, 4.05],
  backlog: [312, 298],
  volume: [1_840, 1_702],
  medicalResponse: [42 * 60_000, 28 * 60_000],
  uptime: [99.95, 99.7],
  apiResponseMean: [412, 455],
  apiResponseP95: [980, 1_020],
  apiResponseP99: [1_640, 1_800],
  errorRate: [0.05, 0.3],
  clinicalAdoption: [35, null],
};

export function kpiReport(settings: KpiSettings = KPI_SETTINGS, days = 7): KpiReport {
  const first = NOW - (days - 1) * DAY;
  const buckets = Array.from({ length: days }, (_, i) => first + i * DAY);
  const meets = (id: KpiValue['id'], v: number | null) => {
    const t = settings.targets[id];
    if (t === null || v === null) return null;
    return t.comparison === 'lt' ? v < t.value : t.comparison === 'le' ? v <= t.value : t.comparison === 'gt' ? v > t.value : v >= t.value;
  };
  return {
    range: { from: first, to: NOW, grain: 'day', timeZone: 'UTC' },
    previous: { from: first - days * DAY, to: first },
    buckets,
    kpis: KPI_IDS.map((id) => {
      const [value, previous] = VALUES[id];
      return {
        id,
        value,
        previous,
        target: settings.targets[id],
        met: meets(id, value),
        series: buckets.map((_, i) => (value === null || id === 'clinicalAdoption' ? null : value * (0.9 + 0.03 * i))),
        basis: `${id} basis`,
      };
    }),
    csat: { distribution: [4, 6, 20, 60, 80], previous: [5, 8, 25, 50, 70] },
    breakdowns: {
      priority: (['emergency', 'critical', 'high', 'medium', 'low'] as const).map((key, i) => ({
        key,
        volume: 10 * (i + 1),
        backlog: i,
        firstResponseMean: 60_000 * (i + 1),
        resolutionMean: HOUR * (i + 1),
        resolutionP50: HOUR * i,
        resolutionP90: 2 * HOUR * (i + 1),
        slaFirstResponse: 90 + i,
        slaResolution: 80 + i,
        escalationRate: 10,
        csatMean: 4,
      })),
      category: [],
      assignee: [
        { key: 'tess.tech', volume: 40, backlog: 3, firstResponseMean: 600_000, resolutionMean: HOUR, resolutionP50: HOUR, resolutionP90: 3 * HOUR, slaFirstResponse: 97, slaResolution: 92, escalationRate: 5, csatMean: 4.5 },
        { key: '', volume: 12, backlog: 9, firstResponseMean: null, resolutionMean: null, resolutionP50: null, resolutionP90: null, slaFirstResponse: null, slaResolution: null, escalationRate: 0, csatMean: null },
      ],
      connection: [{ targetId: 'connection:1', name: 'Epic production', runs: 20_160, uptime: 99.95, errorRate: 0.05, apiResponseMean: 412, apiResponseP95: 980, apiResponseP99: 1_640 }],
    },
    asOfSeq: 1234,
    generatedAt: NOW,
  };
}

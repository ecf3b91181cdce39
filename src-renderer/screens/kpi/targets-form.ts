/**
 * The targets form: per KPI a comparison ("none" for no target) and a
 * number in the unit people think in (minutes for durations, ms for
 * latency, percent), turned into the contract's settings (durations in ms).
 */
import { z } from 'zod';
import { KPI_COMPARISONS, KPI_DEFS, KPI_IDS, kpiSettingsSchema, type KpiId, type KpiSettings } from '../../../src-shared/contract';

export type TargetRow = { comparison: '' | (typeof KPI_COMPARISONS)[number]; value: string };
export type TargetsFormValues = { targets: Record<KpiId, TargetRow>; licensedClinicians: string };

/** What one typed unit is in the contract's: a minute for durations. */
const scale = (id: KpiId) => (KPI_DEFS[id].unit === 'duration' ? 60_000 : 1);
export const unitWord = (id: KpiId): string => ({ duration: 'minutes', percent: '%', count: 'tickets', score: 'of 5', ms: 'ms' })[KPI_DEFS[id].unit];

export function formValues(settings: KpiSettings): TargetsFormValues {
  return {
    targets: Object.fromEntries(
      KPI_IDS.map((id) => {
        const t = settings.targets[id];
        return [id, t === null ? { comparison: '', value: '' } : { comparison: t.comparison, value: String(Number((t.value / scale(id)).toFixed(6))) }];
      }),
    ) as TargetsFormValues['targets'],
    licensedClinicians: settings.licensedClinicians === null ? '' : String(settings.licensedClinicians),
  };
}

const row = z.object({ comparison: z.enum(['', ...KPI_COMPARISONS]), value: z.string() });

export const targetsFormSchema = z
  .object({ targets: z.object(Object.fromEntries(KPI_IDS.map((id) => [id, row])) as Record<KpiId, typeof row>), licensedClinicians: z.string() })
  .transform((values, ctx): KpiSettings => {
    const targets = {} as KpiSettings['targets'];
    for (const id of KPI_IDS) {
      const { comparison, value } = values.targets[id];
      if (comparison === '') {
        targets[id] = null;
        continue;
      }
      const n = Number(value.trim());
      if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: 'custom', path: ['targets', id, 'value'], message: 'Enter a number, 0 or more' });
        targets[id] = null;
        continue;
      }
      targets[id] = { comparison, value: n * scale(id) };
    }
    const typed = values.licensedClinicians.trim();
    const licensed = typed === '' ? null : Number(typed);
    if (licensed !== null && !(Number.isInteger(licensed) && licensed > 0 && licensed <= 1_000_000)) {
      ctx.addIssue({ code: 'custom', path: ['licensedClinicians'], message: 'Enter a whole number from 1 to 1,000,000, or leave it empty' });
    }
    return kpiSettingsSchema.parse({ targets, licensedClinicians: licensed !== null && Number.isInteger(licensed) && licensed > 0 && licensed <= 1_000_000 ? licensed : null });
  });

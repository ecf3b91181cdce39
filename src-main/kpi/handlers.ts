/** Contract handlers for the KPI screen: the report, the targets, and an admin's change of them. */
import { KPI_IDS } from '../../src-shared/contract';
import { auditTarget } from '../audit';
import type { HandlerTable } from '../dispatch';
import type { KpiService } from './kpi-service';

export function kpiHandlers(service: KpiService): HandlerTable<'kpi.report' | 'kpi.settings' | 'kpi.setSettings'> {
  return {
    'kpi.report': ({ range }) => service.report(range),
    'kpi.settings': () => service.settings(),
    'kpi.setSettings': (input, ctx) => {
      ctx.audit({ target: auditTarget.kpiSettings() });
      const { before, after } = service.saveSettings(input, ctx.caller?.username ?? 'anonymous');
      // Only what changed, as before → after, so the trail reads as the edit it was.
      const changed = KPI_IDS.filter((id) => JSON.stringify(before.targets[id]) !== JSON.stringify(after.targets[id]));
      ctx.audit({
        detail: {
          targets: Object.fromEntries(changed.map((id) => [id, { before: before.targets[id], after: after.targets[id] }])),
          ...(before.licensedClinicians !== after.licensedClinicians ? { licensedClinicians: { before: before.licensedClinicians, after: after.licensedClinicians } } : {}),
        },
      });
      return after;
    },
  };
}

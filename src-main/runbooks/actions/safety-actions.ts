/** The patient-safety indicators against their thresholds, from the safety service's latest evaluation. */
import { z } from 'zod';
import { INDICATOR_IDS, INDICATOR_LABELS, LEVEL_WORDS } from '../../../src-shared/contract';
import { action, StepFailure } from './action';
import type { ActionDeps } from './deps';

export function safetyActions(deps: ActionDeps) {
  return [
    action({
      name: 'safety_indicators',
      summary: 'Check the patient-safety indicators (AI accuracy among them) against their thresholds',
      inputs: z.object({ fail_on_warning: z.boolean().default(false) }).strict(),
      describe: (i) => `Read the patient-safety indicators; fail when any is critical${i.fail_on_warning ? ' or at warning' : ''}.`,
      defaultTimeoutMs: 60_000,
      run: async ({ inputs, log }) => {
        const e = deps.safety.current();
        for (const id of INDICATOR_IDS) {
          const r = e.readings[id];
          log(`${INDICATOR_LABELS[id]}: ${r.value === null ? 'no data' : r.value.toFixed(3)} (${LEVEL_WORDS[r.level]})`);
        }
        log(`Overall safety score: ${e.overall.value === null ? 'no data' : e.overall.value.toFixed(3)} (${LEVEL_WORDS[e.overall.level]})`);
        const critical = INDICATOR_IDS.filter((id) => e.readings[id].level === 'critical');
        const warning = INDICATOR_IDS.filter((id) => e.readings[id].level === 'warning');
        const outputs = { at: e.at, overall: e.overall.value, level: e.overall.level, critical, warning };
        const failing = inputs.fail_on_warning ? [...critical, ...warning] : critical;
        if (failing.length > 0) throw new StepFailure(`Patient-safety indicators at ${inputs.fail_on_warning ? 'warning or worse' : 'critical'}: ${failing.map((id) => INDICATOR_LABELS[id]).join(', ')}.`, outputs);
        return outputs;
      },
    }),
  ];
}

/**
 * The confirmations a plan asks for before it runs: a tick for a step that
 * asks to be confirmed, the connection's name typed for one against
 * production (as cloud consoles ask before destroying something).
 */
import { z } from 'zod';
import type { RunPlan } from '../../../src-shared/contract';

export type ConfirmValues = { confirm: Record<string, string | boolean> };
export type Confirmation = { stepId: string; typedName?: string };

export function stepsToConfirm(plan: RunPlan) {
  return plan.steps.filter((s) => s.selected && s.confirm !== null);
}

export function confirmDefaults(plan: RunPlan): ConfirmValues {
  return { confirm: Object.fromEntries(stepsToConfirm(plan).map((s) => [s.id, s.confirm?.typeName ? '' : false])) };
}

export function confirmSchema(plan: RunPlan): z.ZodType<Confirmation[], ConfirmValues> {
  const shape = Object.fromEntries(
    stepsToConfirm(plan).map((s) => {
      const typeName = s.confirm?.typeName ?? null;
      const field =
        typeName === null
          ? z.literal(true, 'Tick to confirm this step')
          : z.string().refine((typed) => typed.trim() === typeName, `Type ${typeName} exactly to confirm`);
      return [s.id, field];
    }),
  );
  return z
    .object({ confirm: z.object(shape) })
    .transform(({ confirm }) =>
      Object.entries(confirm).map(([stepId, given]) => (typeof given === 'string' ? { stepId, typedName: given.trim() } : { stepId })),
    ) as unknown as z.ZodType<Confirmation[], ConfirmValues>;
}

/** Main names a confirmation by ['confirmations', stepId]: its field here. */
export function confirmFieldFor(path: string[]): string | undefined {
  return path[0] === 'confirmations' && path[1] !== undefined ? `confirm.${path[1]}` : undefined;
}

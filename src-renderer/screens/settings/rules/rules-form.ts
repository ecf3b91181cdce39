import { z } from 'zod';
import { alertRuleSettingsSchema, type AlertRuleSettings } from '../../../../src-shared/monitoring';
import { boundsOf, fieldPaths, longestList, readField, reportIssues, wholeNumberText } from '../../../lib/form-fields';

const DAYS = alertRuleSettingsSchema.shape.tlsExpiryDays;
const MINUTES = alertRuleSettingsSchema.shape.degradedAfterMinutes;
const ROTATION = alertRuleSettingsSchema.shape.keyRotationDays.unwrap();

export const DAY_BOUNDS = boundsOf(DAYS.element);
export const MINUTE_BOUNDS = boundsOf(MINUTES);
export const ROTATION_BOUNDS = boundsOf(ROTATION);

/** The most tiers the contract takes. */
export const MAX_TIERS = longestList(DAYS, (i) => i + 1);

/**
 * The form holds the rules as typed, named by their path in the
 * monitor.setRules input: a tier is an item of tlsExpiryDays (a list of
 * objects, as react-hook-form's field arrays keep them).
 */
export interface RulesValues {
  tlsExpiryDays: { days: string }[];
  degradedAfterMinutes: string;
  keyRotationDays: string;
}

/** Furthest first, the order in which a certificate reaches them. */
const furthestFirst = (a: number, b: number) => b - a;

export function valuesFrom(rules: AlertRuleSettings): RulesValues {
  return {
    tlsExpiryDays: [...rules.tlsExpiryDays].sort(furthestFirst).map((days) => ({ days: String(days) })),
    degradedAfterMinutes: String(rules.degradedAfterMinutes),
    keyRotationDays: String(rules.keyRotationDays),
  };
}

/** Whether the form still shows these rules (tier order included: the form shows them sorted). */
export function showsRules(values: { tlsExpiryDays?: { days?: string }[]; degradedAfterMinutes?: string; keyRotationDays?: string }, rules: AlertRuleSettings): boolean {
  const saved = valuesFrom(rules);
  const tiers = values.tlsExpiryDays ?? [];
  return (
    values.degradedAfterMinutes?.trim() === saved.degradedAfterMinutes &&
    values.keyRotationDays?.trim() === saved.keyRotationDays &&
    tiers.length === saved.tlsExpiryDays.length &&
    tiers.every((tier, i) => tier.days?.trim() === saved.tlsExpiryDays[i]?.days)
  );
}

/** A tier typed as days, read on its own: what the hint under it says as it is typed. */
export const tierDays = wholeNumberText(DAY_BOUNDS);

/**
 * The rules to send, tiers sorted furthest first. Every tier is read, so
 * each one at fault says so at once; a second tier with the same days is
 * most likely a typo for another number, so it is pointed out rather than
 * dropped. The contract has the last word (the number of tiers, say).
 */
export const rulesSchema = z
  .object({ tlsExpiryDays: z.array(z.object({ days: z.string() })), degradedAfterMinutes: z.string(), keyRotationDays: z.string() })
  .transform((form, ctx): AlertRuleSettings => {
    const seen = new Set<number>();
    const days = form.tlsExpiryDays.map(({ days: typed }, i) => {
      const path = ['tlsExpiryDays', i, 'days'];
      const day = readField(ctx, tierDays, typed, path);
      if (day !== undefined && seen.has(day)) ctx.addIssue({ code: 'custom', path, message: `${day} days is already a tier` });
      if (day === undefined || seen.has(day)) return undefined;
      seen.add(day);
      return day;
    });
    const minutes = readField(ctx, wholeNumberText(MINUTE_BOUNDS), form.degradedAfterMinutes, ['degradedAfterMinutes']);
    const rotation = readField(ctx, wholeNumberText(ROTATION_BOUNDS), form.keyRotationDays, ['keyRotationDays']);
    const rules = { tlsExpiryDays: days.filter((d) => d !== undefined).sort(furthestFirst), degradedAfterMinutes: minutes ?? 0, keyRotationDays: rotation ?? 0 };
    // The contract has the last word (the number of tiers, say) once every tier reads.
    if (ctx.issues.length === 0) reportIssues(ctx, alertRuleSettingsSchema.safeParse(rules).error?.issues, [...fieldPaths(form), 'tlsExpiryDays']);
    return rules;
  });

/** Where main's issues land: a tier's days by its place in the list, the list as a whole above it. */
export function tierField(path: string[]): `tlsExpiryDays.${number}.days` | 'tlsExpiryDays.root' | undefined {
  const [list, index] = path;
  if (list !== 'tlsExpiryDays') return undefined;
  return index === undefined ? 'tlsExpiryDays.root' : `tlsExpiryDays.${Number(index)}.days`;
}

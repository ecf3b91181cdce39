import { alertRuleSettingsSchema, type AlertRuleSettings } from '../../../../src-shared/monitoring';
import { fieldForPath, type FieldErrors } from '../../../api/error-text';
import { wholeNumber } from '../../../lib/rules';

const DAYS = alertRuleSettingsSchema.shape.tlsExpiryDays;
const MINUTES = alertRuleSettingsSchema.shape.degradedAfterMinutes;

export const DAY_BOUNDS = { min: DAYS.element.minValue ?? 1, max: DAYS.element.maxValue ?? Number.MAX_SAFE_INTEGER };
export const MINUTE_BOUNDS = { min: MINUTES.minValue ?? 1, max: MINUTES.maxValue ?? Number.MAX_SAFE_INTEGER };

/** The most tiers the contract takes: zod keeps an array's length limit to itself, so find the longest list it accepts. */
function longestTierList(): number {
  let n = 1;
  while (DAYS.safeParse(Array.from({ length: n + 1 }, (_, i) => i + 1)).success) n += 1;
  return n;
}
export const MAX_TIERS = longestTierList();

/**
 * Fields are named by their path in the monitor.setRules input, so an
 * INVALID_INPUT issue from main (['tlsExpiryDays', 2]) lands on the tier it
 * is about, and one about the whole list (['tlsExpiryDays']) above the list.
 */
export const FIELDS = { tiers: 'tlsExpiryDays', degraded: 'degradedAfterMinutes' } as const;
export const tierField = (index: number) => `${FIELDS.tiers}.${index}`;

/** In the order they appear, so focus goes to the first one at fault; every tier there could be, as the list grows and shrinks. */
export const FIELD_NAMES = [...Array.from({ length: MAX_TIERS }, (_, i) => tierField(i)), FIELDS.tiers, FIELDS.degraded];

export interface TierDraft {
  /** Keeps each row's React identity (and focus) while tiers are added, removed and sorted. */
  key: number;
  days: string;
}

/** What the form holds: numbers as typed, checked on save. */
export interface RulesDraft {
  tiers: TierDraft[];
  degradedAfterMinutes: string;
  /** Not on this form: kept as loaded so that saving the tiers leaves it as it was. */
  keyRotationDays: number;
}

let nextKey = 1;

export function newTier(days = ''): TierDraft {
  return { key: nextKey++, days };
}

/** Furthest first, the order in which a certificate reaches them. */
const furthestFirst = (a: number, b: number) => b - a;

export function draftFrom(rules: AlertRuleSettings): RulesDraft {
  return {
    tiers: [...rules.tlsExpiryDays].sort(furthestFirst).map((days) => newTier(String(days))),
    degradedAfterMinutes: String(rules.degradedAfterMinutes),
    keyRotationDays: rules.keyRotationDays,
  };
}

/** Whether the form still shows the saved rules (tier order included: the form shows them sorted). */
export function showsRules(draft: RulesDraft, rules: AlertRuleSettings): boolean {
  const saved = draftFrom(rules);
  return (
    draft.degradedAfterMinutes.trim() === saved.degradedAfterMinutes &&
    draft.tiers.length === saved.tiers.length &&
    draft.tiers.every((tier, i) => tier.days.trim() === saved.tiers[i]?.days)
  );
}

function readTiers(tiers: TierDraft[], problems: FieldErrors): number[] {
  const seen = new Set<number>();
  return tiers.map((tier, i) => {
    const parsed = wholeNumber(tier.days, DAY_BOUNDS.min, DAY_BOUNDS.max);
    if ('problem' in parsed) {
      problems[tierField(i)] = parsed.problem;
      return Number.NaN;
    }
    // A second tier with the same days is most likely a typo for another number, so it is pointed out rather than dropped.
    if (seen.has(parsed.value)) problems[tierField(i)] = `${parsed.value} days is already a tier`;
    seen.add(parsed.value);
    return parsed.value;
  });
}

export type BuiltRules = { problems: FieldErrors; rules: null } | { problems: FieldErrors; rules: AlertRuleSettings; draft: RulesDraft };

/**
 * The rules to send, tiers sorted furthest first, and the draft in that
 * order (so what main says about tier 2 is about the second row shown); or
 * the problems, by field, as the rows stand.
 */
export function buildRules(draft: RulesDraft): BuiltRules {
  const problems: FieldErrors = {};
  const days = readTiers(draft.tiers, problems);
  const minutes = wholeNumber(draft.degradedAfterMinutes, MINUTE_BOUNDS.min, MINUTE_BOUNDS.max);
  if ('problem' in minutes) problems[FIELDS.degraded] = minutes.problem;
  if ('problem' in minutes || Object.keys(problems).length > 0) return { problems, rules: null };

  const tiers = draft.tiers.map((tier, i) => ({ key: tier.key, value: days[i] as number })).sort((a, b) => furthestFirst(a.value, b.value));
  const rules: AlertRuleSettings = { tlsExpiryDays: tiers.map((t) => t.value), degradedAfterMinutes: minutes.value, keyRotationDays: draft.keyRotationDays };
  // The contract has the last word (the number of tiers, say), in its own words.
  for (const issue of alertRuleSettingsSchema.safeParse(rules).error?.issues ?? []) {
    const field = fieldForPath(issue.path as (string | number)[], FIELD_NAMES);
    if (field && !problems[field]) problems[field] = issue.message;
  }
  if (Object.keys(problems).length > 0) return { problems, rules: null };
  return {
    problems,
    rules,
    draft: { tiers: tiers.map((t) => ({ key: t.key, days: String(t.value) })), degradedAfterMinutes: String(minutes.value), keyRotationDays: draft.keyRotationDays },
  };
}

import type { AlertRuleSettings } from '../../../../src-shared/monitoring';
import { ROLE_LABELS, rolesFor } from '../../../../src-shared/roles';

/** The severities come from the contract, where main's alert rules read them too. */
export { DEGRADED_SEVERITY, expiryTierSeverity as tierSeverity } from '../../../../src-shared/monitoring';

export const TIERS_INTRO =
  'A connection’s TLS certificate alerts once as it comes within each tier’s number of days of expiring. The nearer the tier, the more severe the alert: 1 day or less is SEV1, 7 days or less SEV2, more than 7 days SEV3.';

export const DEGRADED_INTRO = 'A connection that stays DEGRADED (slow, or some checks failing) for longer than this opens an alert.';

export const KEY_ROTATION_INTRO =
  'A connection that signs in with its own key (SMART Backend Services) is reminded once, as SEV3, when that key has been in use this long: make a new one and register its public half with the vendor.';

/** Who may change the rules, read from PERMISSIONS so it never disagrees with what main allows. */
export const WHO_CAN_CHANGE = `Only someone with the ${rolesFor('monitor.manage')
  .map((role) => ROLE_LABELS[role])
  .join(' or ')} role can change the alert rules.`;

export const daysText = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'day' : 'days'}`;
export const minutesText = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'minute' : 'minutes'}`;

/** "30, 14, 7 and 1 days"; "1 day" alone. */
function tiersText(days: readonly number[]): string {
  if (days.length === 1) return daysText(days[0] as number);
  return `${days.slice(0, -1).join(', ')} and ${days.at(-1)} days`;
}

export function savedText(rules: AlertRuleSettings): string {
  return `Alert rules saved: certificate tiers at ${tiersText(rules.tlsExpiryDays)}; DEGRADED alerts after ${minutesText(rules.degradedAfterMinutes)}; signing keys rotated after ${daysText(rules.keyRotationDays)}. They apply from the next probe run.`;
}

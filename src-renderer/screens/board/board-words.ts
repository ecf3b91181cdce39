/** Figures as the board says them; times and spans are in lib/time, shared with every screen. */

/**
 * A share of runs that did not fail. Rounded down, so a single failure
 * never reads as "100 %": an operator trusts a perfect score literally.
 */
export function percentText(percent: number): string {
  const floored = Math.floor(percent * 100) / 100;
  return `${floored.toLocaleString(undefined, { maximumFractionDigits: 2 })} %`;
}

/** Below these a certificate needs someone: the marks of the default alert rules’ reminders. */
export const CERT_WARN_DAYS = 30;
export const CERT_BAD_DAYS = 7;

export function certificateText(days: number): string {
  return days < 0 ? 'Expired' : `${days} day${days === 1 ? '' : 's'}`;
}

/** Figures as the board says them; times and spans are in lib/time, shared with every screen. */
import { atLeast, expiryTierSeverity } from '../../../src-shared/monitoring';

/**
 * A share of runs that did not fail. Rounded down, so a single failure
 * never reads as "100 %": an operator trusts a perfect score literally.
 */
export function percentText(percent: number): string {
  const floored = Math.floor(percent * 100) / 100;
  return `${floored.toLocaleString(undefined, { maximumFractionDigits: 2 })} %`;
}

export type CertificateTone = 'bad' | 'warn' | null;

/**
 * How a certificate's days left look, by the operator's alert rules (the
 * tiers in days): bad once within a tier that alerts as SEV1 or SEV2, or
 * expired; a warning within any other tier; plain before the furthest. While
 * the rules are not known, only an expired certificate is marked.
 */
export function certificateTone(days: number, tiers: readonly number[] | undefined): CertificateTone {
  if (days < 0) return 'bad';
  const reached = (tiers ?? []).filter((tier) => days <= tier);
  if (reached.length === 0) return null;
  return atLeast(expiryTierSeverity(Math.min(...reached)), 'SEV2') ? 'bad' : 'warn';
}

export function certificateText(days: number): string {
  return days < 0 ? 'Expired' : `${days} day${days === 1 ? '' : 's'}`;
}

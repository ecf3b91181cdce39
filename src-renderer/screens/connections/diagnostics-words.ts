import type { CheckResult, Diagnostics } from '../../../src-shared/contract';

export function failedCheck(d: Diagnostics): CheckResult | undefined {
  return d.checks.find((c) => c.status === 'fail');
}

/** A run's outcome in a few words, the same in the list and above the diagnostics. */
export function outcomeText(d: Diagnostics): string {
  if (d.status === 'pass') return 'All checks passed';
  if (d.status === 'warn') {
    const warnings = d.checks.filter((c) => c.status === 'warn').length;
    return warnings === 1 ? '1 warning' : `${warnings} warnings`;
  }
  const failed = failedCheck(d);
  return failed ? `Failed at ${failed.label}` : 'Failed';
}

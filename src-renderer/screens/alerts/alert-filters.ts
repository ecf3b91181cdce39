import { alertFilterSchema, SEVERITIES, type Severity } from '../../../src-shared/monitoring';
import type { AlertFilters } from '../../api/query-keys';

export type AlertStatusFilter = 'active' | 'resolved' | 'all';

/** The filters as the screen holds them: every severity ticked means no severity filter. */
export interface AlertFilterChoice {
  status: AlertStatusFilter;
  severities: readonly Severity[];
  targetId: string | null;
  limit: number;
}

/** What alerts.list sends when asked for no number: the contract's own default. */
const DEFAULT_LIMIT = alertFilterSchema.parse({}).limit;

export const DEFAULT_FILTERS: AlertFilterChoice = { status: 'active', severities: SEVERITIES, targetId: null, limit: DEFAULT_LIMIT };

export const STATUS_FILTER_LABELS: Record<AlertStatusFilter, string> = {
  active: 'Active (open or acknowledged)',
  resolved: 'Resolved',
  all: 'All',
};

/** What alerts.list is asked: only the filters that narrow anything. */
export function queryFilters(choice: AlertFilterChoice): AlertFilters {
  return {
    status: choice.status,
    limit: choice.limit,
    // In the contract's order, so the same choice is the same query key however it was ticked.
    ...(choice.severities.length < SEVERITIES.length ? { severities: SEVERITIES.filter((s) => choice.severities.includes(s)) } : {}),
    ...(choice.targetId ? { targetId: choice.targetId } : {}),
  };
}

export function toggleSeverity(choice: AlertFilterChoice, severity: Severity, on: boolean): AlertFilterChoice {
  const severities = on ? [...choice.severities, severity] : choice.severities.filter((s) => s !== severity);
  return { ...choice, severities };
}

/** An alert, and what the alert engine hands back: events for the console and notifications for the notifier. */
import type { AlertRuleKind, Cause, Severity } from '../../src-shared/monitoring';
import type { AlertNotification } from '../notify';
import type { EscalationState } from './escalation';

export type RuleKind = AlertRuleKind;
export type RuleId = Exclude<RuleKind, 'metric'> | `metric:${string}`;

export function ruleKind(rule: RuleId): RuleKind {
  return rule.startsWith('metric:') ? 'metric' : (rule as RuleKind);
}

/**
 * One key per connection and rule, the same every time the alert reopens, so
 * PagerDuty (dedup_key) and the like fold a recurring problem into one incident.
 */
export function dedupKey(targetId: string, rule: RuleId): string {
  return `${dedupKeyPrefix(targetId)}${rule}`;
}

/** What every dedup key of one target starts with. */
export function dedupKeyPrefix(targetId: string): string {
  return `vigil/${targetId}/`;
}

export interface Resolution {
  at: number;
  /** null: resolved by itself, on recovery. */
  by: string | null;
  /** merged: its connection's parent went down, and the parent's alert names it. */
  /** removed, disabled: its connection was, by `by`. */
  reason: 'recovered' | 'manual' | 'merged' | 'removed' | 'disabled';
  mergedInto: string | null;
}

export interface Alert {
  id: string;
  dedupKey: string;
  targetId: string;
  rule: RuleId;
  severity: Severity;
  /** How bad within its rule: DEGRADED 1 and DOWN 2, warn 1 and critical 2, expiry tiers 1… from the furthest. */
  grade: number;
  /** The worst grade notified so far: each grade is notified once. */
  peakGrade: number;
  title: string;
  detail: string;
  cause: Cause | null;
  status: 'open' | 'acknowledged' | 'resolved';
  openedAt: number;
  updatedAt: number;
  /** workstation: where it was acknowledged first, when not here (team mode); null: here. */
  acknowledged: { by: string; at: number; workstation: string | null } | null;
  resolved: Resolution | null;
  escalation: EscalationState;
  /** Connections depending on this one that failed with it; their own alerts are held back. */
  affected: string[];
  flapping: boolean;
}

export type AlertOutput =
  | { type: 'opened'; alert: Alert }
  | { type: 'updated'; alert: Alert }
  | { type: 'resolved'; alert: Alert }
  | { type: 'notify'; notification: AlertNotification };

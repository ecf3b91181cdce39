/**
 * Escalation policies: who is told, and again, while an alert stays
 * unacknowledged. Level 1 when it opens; each further level once its delay
 * after opening has passed; then, if the policy says so, the last level again
 * at a fixed pace. Reminders are worked out from the time alone, so after a
 * long sleep one reminder goes out at the level reached, not one per level or
 * repeat that was missed.
 */
import { SEVERITY_LEVELS, type Severity } from '../../src-shared/monitoring';

export interface EscalationPolicy {
  /** Delays after opening, ascending; the first is 0. Routing a level to channels is the notifier's business. */
  levels: { afterMs: number }[];
  /** Repeat the last level this often until acknowledged; null: stop there. */
  repeatEveryMs: number | null;
}

/** The seed's pace: level 2 when the severity's response time has run out, level 3 at twice that, then every response time. */
export function severityPolicy(severity: Severity): EscalationPolicy {
  const respond = SEVERITY_LEVELS[severity].respondWithinMs;
  return { levels: [{ afterMs: 0 }, { afterMs: respond }, { afterMs: 2 * respond }], repeatEveryMs: respond };
}

/** Tell level 1 once and never remind: for alerts that remind by their own tiers. */
export const NOTIFY_ONCE: EscalationPolicy = { levels: [{ afterMs: 0 }], repeatEveryMs: null };

export interface EscalationState {
  policy: EscalationPolicy;
  /** The level last notified, from 1. */
  level: number;
  notifiedAt: number;
}

/** The level to remind at `at`, or null when no reminder is due. */
export function dueReminder(state: EscalationState, openedAt: number, at: number): number | null {
  const { levels, repeatEveryMs } = state.policy;
  let reached = 0;
  while (reached < levels.length && openedAt + levels[reached]!.afterMs <= at) reached++;
  if (reached > state.level) return reached;
  const last = levels.length;
  if (state.level === last && repeatEveryMs !== null && at - state.notifiedAt >= repeatEveryMs) return last;
  return null;
}

import type { UserSummary } from '../../../src-shared/contract';
import type { IconName } from '../../components/Icon';
import { formatMoment } from '../../lib/time';

/**
 * How an account stands, in words and an icon. Disabled outranks a lockout:
 * it lasts. A lock holds only where it was earned (this computer, or one
 * network address), so the account may still sign in elsewhere; main gives
 * the latest lock's end.
 */
export function accountStatus(user: UserSummary): { tone: 'ok' | 'bad' | 'warn'; icon: IconName; text: string; note?: string } {
  if (user.disabled) return { tone: 'bad', icon: 'ban', text: 'Disabled' };
  if (user.lockedUntil) {
    return {
      tone: 'warn',
      icon: 'lock',
      text: `Locked for some sign-ins until ${formatMoment(user.lockedUntil)}`,
      note: 'After failed sign-ins on this computer or from a network address. Resetting the password lifts every lock.',
    };
  }
  return { tone: 'ok', icon: 'check', text: 'Active' };
}

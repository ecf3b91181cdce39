import type { UserSummary } from '../../../src-shared/contract';
import type { IconName } from '../../components/Icon';
import { formatMoment } from '../../lib/time';

/** How an account stands, in words and an icon. Disabled outranks a lockout: it lasts. */
export function accountStatus(user: UserSummary): { tone: 'ok' | 'bad' | 'warn'; icon: IconName; text: string } {
  if (user.disabled) return { tone: 'bad', icon: 'ban', text: 'Disabled' };
  if (user.lockedUntil) return { tone: 'warn', icon: 'lock', text: `Locked until ${formatMoment(user.lockedUntil)}` };
  return { tone: 'ok', icon: 'check', text: 'Active' };
}

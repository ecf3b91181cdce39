import { signInWaitSchema, type SignInWait } from '../../src-shared/contract';
import { localizeInstants } from '../lib/time';
import { isVigilError } from './vigil-error';

const UNREACHABLE_TEXT =
  'Vigil cannot reach its host. Check that the Vigil host is running and this computer is on the network, then try again.';

/** The wait main set on this caller and name after refused sign-ins, if its reply carries one. */
export function signInWaitOf(err: unknown): SignInWait | null {
  if (!isVigilError(err)) return null;
  const wait = signInWaitSchema.safeParse(err.details);
  return wait.success ? wait.data : null;
}

/**
 * Why a sign-in (or a password change, which checks the current password
 * the same way) was refused: a wrong password, possibly with a wait before
 * the next try (from the network); a short pause after several; a lock,
 * earned by this very attempt (`text` null) or met by it (main's words,
 * which say where it holds: on this computer or from this network
 * address); or anything else, in errorText's words.
 */
export type SignInRefusal =
  | { kind: 'wrong'; retryAt: number | null }
  | { kind: 'paused'; retryAt: number }
  | { kind: 'locked'; retryAt: number; text: string | null }
  | { kind: 'disabled' }
  | { kind: 'other'; text: string };

export function signInRefusal(err: unknown): SignInRefusal {
  if (!isVigilError(err)) return { kind: 'other', text: errorText(err) };
  const wait = signInWaitOf(err);
  switch (err.code) {
    case 'UNAUTHENTICATED':
      return wait?.locked ? { kind: 'locked', retryAt: wait.retryAt, text: null } : { kind: 'wrong', retryAt: wait?.retryAt ?? null };
    case 'LOCKED':
      if (!wait) return { kind: 'other', text: errorText(err) };
      return wait.locked ? { kind: 'locked', retryAt: wait.retryAt, text: errorText(err) } : { kind: 'paused', retryAt: wait.retryAt };
    case 'FORBIDDEN':
      return { kind: 'disabled' };
    default:
      return { kind: 'other', text: errorText(err) };
  }
}

/** Any failed call. The dispatcher's own messages are already written for people. */
export function errorText(err: unknown): string {
  if (!isVigilError(err)) return 'Something went wrong in this window. Reload it; if it happens again, tell your administrator.';
  switch (err.code) {
    case 'UNREACHABLE':
      return UNREACHABLE_TEXT;
    default:
      // UNAVAILABLE included: the bridge (host unreachable) and the store
      // (cannot open, wrong key) each say what is wrong better than a generic line.
      return localizeInstants(err.message);
  }
}

type Issue = { path: (string | number)[]; message: string };

/** The issues a failed call names by path: INVALID_INPUT's schema issues, or a CONFLICT about one field (a connection name in use). */
export function issuesOf(err: unknown): Issue[] {
  if (!isVigilError(err) || !Array.isArray(err.details)) return [];
  return err.details.filter(
    (d): d is Issue => typeof d === 'object' && d !== null && Array.isArray(d.path) && typeof d.message === 'string',
  );
}

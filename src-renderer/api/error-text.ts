import { formatMoment } from '../lib/time';
import { isVigilError, type VigilError } from './vigil-error';

const UNREACHABLE_TEXT =
  'Vigil cannot reach its host. Check that the Vigil host is running and this computer is on the network, then try again.';

function lockedUntil(err: VigilError): number | null {
  const details = err.details as { lockedUntil?: unknown } | undefined;
  return typeof details?.lockedUntil === 'number' ? details.lockedUntil : null;
}

/** Sign-in failures, in the words of someone standing at the console. */
export function signInErrorText(err: unknown): string {
  if (!isVigilError(err)) return errorText(err);
  switch (err.code) {
    case 'UNAUTHENTICATED':
      return 'Wrong username or password. Check both, or ask an administrator to reset your password.';
    case 'LOCKED': {
      const until = lockedUntil(err);
      return until !== null
        ? `This account is locked after too many failed sign-ins. It unlocks at ${formatMoment(until)}. Wait until then, or ask an administrator to reset the password.`
        : 'This account is locked after too many failed sign-ins. Wait, or ask an administrator to reset the password.';
    }
    case 'FORBIDDEN':
      return 'This account is disabled. Ask an administrator to enable it.';
    default:
      return errorText(err);
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
      return err.message;
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

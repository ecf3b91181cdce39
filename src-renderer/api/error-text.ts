import { formatMoment } from '../lib/time';
import { isVigilError, type VigilError } from './vigil-error';

export type FieldErrors = Partial<Record<string, string>>;

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

/**
 * The form field an issue path is about: the longest start of the path that
 * names one, so ['config', 'timeouts', 'connectMs'] finds a field named
 * 'config.timeouts.connectMs' and ['username'] finds 'username'.
 */
export function fieldForPath(path: readonly (string | number)[], fields: readonly string[]): string | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const key = path.slice(0, length).join('.');
    if (fields.includes(key)) return key;
  }
  return undefined;
}

/**
 * The problems a failed call names by path, for the named fields, keyed by
 * the contract's input field paths. Any code may carry them: INVALID_INPUT's
 * schema issues, and a CONFLICT about one field (a connection name in use).
 */
export function fieldErrorsFrom(err: unknown, fields: readonly string[]): FieldErrors {
  if (!isVigilError(err)) return {};
  const out: FieldErrors = {};
  for (const issue of issuesOf(err)) {
    const field = fieldForPath(issue.path, fields);
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}

/** Whether the error names what it is about by path (so its message belongs next to fields). */
export function hasFieldPaths(err: unknown): boolean {
  return issuesOf(err).length > 0;
}

/** What to say above the form: nothing when every problem already sits next to its field. */
export function formErrorFrom(err: unknown, fields: readonly string[]): string | null {
  if (!err) return null;
  if (isVigilError(err)) {
    const list = issuesOf(err);
    if (list.length > 0 && list.every((i) => fieldForPath(i.path, fields))) return null;
  }
  return errorText(err);
}

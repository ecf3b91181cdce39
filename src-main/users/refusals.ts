/**
 * The replies a refused sign-in, password change or first-run setup gets.
 * None says whether a username exists: a name without an account is refused
 * in the same words, with the same waits, as one with.
 */
import type { SignInWait } from '../../src-shared/contract';
import { DispatchError, type CallSource } from '../dispatch';
import type { SignInBlock } from './sign-in-throttle';

function wait(block: SignInBlock): SignInWait {
  return { retryAt: block.until, locked: block.locked };
}

function seconds(block: SignInBlock, now: number): number {
  return Math.max(1, Math.ceil((block.until - now) / 1000));
}

export function wrongCredentials(block: SignInBlock | null, now: number): DispatchError {
  if (!block) return new DispatchError('UNAUTHENTICATED', 'Wrong username or password.');
  return new DispatchError('UNAUTHENTICATED', `Wrong username or password. Wait ${seconds(block, now)} s before trying again.`, wait(block));
}

/** Attempts from this source at this name are paused: a lock, or the short wait between remote attempts. */
export function blocked(block: SignInBlock, source: CallSource, now: number): DispatchError {
  const where = source.kind === 'local' ? 'on this computer' : 'from your network address';
  const message = block.locked
    ? `Too many failed sign-ins: this account is locked ${where} until ${new Date(block.until).toISOString()}. ` +
      'Wait, or ask an administrator to reset the password.'
    : `Too many failed sign-ins ${where}. Wait ${seconds(block, now)} s before trying again.`;
  return new DispatchError('LOCKED', message, wait(block));
}

export function wrongCurrentPassword(block: SignInBlock | null, now: number): DispatchError {
  const message = block
    ? `The current password is not right. Wait ${seconds(block, now)} s before trying again.`
    : 'The current password is not right.';
  return new DispatchError('INVALID_INPUT', message, [{ path: ['currentPassword'], message }]);
}

/** A signature's re-entered password: the answer lands on the password field (not UNAUTHENTICATED: the session stays). */
export function wrongSigningPassword(block: SignInBlock | null, now: number): DispatchError {
  const message = block ? `That is not your password. Wait ${seconds(block, now)} s before trying again.` : 'That is not your password.';
  return new DispatchError('INVALID_INPUT', message, [{ path: ['password'], message }]);
}

export function accountDisabled(): DispatchError {
  return new DispatchError('FORBIDDEN', 'This account is disabled. Ask an administrator to enable it.');
}

export function setupDone(): DispatchError {
  return new DispatchError('CONFLICT', 'Setup is already complete. Sign in with an existing account.');
}

export function setupCodeWanted(given: boolean): DispatchError {
  const message = given
    ? 'This is not the setup code. Copy it again from the console that runs the Vigil host.'
    : 'Setting up Vigil from another computer needs the setup code the Vigil host printed when it started.';
  return new DispatchError('FORBIDDEN', message, [{ path: ['setupCode'], message }]);
}

/** Team mode: an account first signing in here needs the shared database to check its password. */
export function sharedVerifierUnreachable(): DispatchError {
  return new DispatchError(
    'UNAVAILABLE',
    'This workstation cannot check this sign-in now: it needs the team database for an account that has not signed in here before. Try again when it is reachable, or sign in on a workstation you have used.',
  );
}

import type { ChannelInput } from '../../../src-shared/contract';
import { signInRefusal, signInWaitOf } from '../../api/error-text';
import { useLogin } from '../../api/session';
import { TextField } from '../../components/Field';
import type { FieldBinding } from '../../lib/forms';
import { useCountdown } from '../../lib/use-now';

/**
 * Signing in, as the sign-in form and the lock screen both do it. After a
 * refused attempt the password is retyped, never edited: `retype` empties
 * it and puts the cursor there. A refusal may make this name wait before
 * its next try (main checks nothing inside the wait): `secondsLeft` counts
 * it down for the name in `refusedName`.
 */
export function useSignIn() {
  const login = useLogin();
  const countdown = useCountdown();
  const signIn = (input: ChannelInput<'session.login'>, retype: () => void) =>
    login.mutate(input, {
      onError: (err) => {
        countdown.start(signInWaitOf(err)?.retryAt ?? null);
        retype();
      },
    });
  return {
    login,
    signIn,
    refusal: login.error ? signInRefusal(login.error) : null,
    secondsLeft: countdown.secondsLeft,
    refusedName: login.variables?.username ?? null,
  };
}

/** The password of someone signing in; marked invalid for its own problem or a refused attempt. */
export function SignInPasswordField({ refused, autoFocus, ...field }: FieldBinding & { refused: boolean; autoFocus?: boolean }) {
  return (
    <TextField
      label="Password"
      type="password"
      autoComplete="current-password"
      autoFocus={autoFocus}
      {...field}
      aria-invalid={field.error || refused ? true : undefined}
    />
  );
}

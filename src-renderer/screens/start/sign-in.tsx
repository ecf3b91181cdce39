import type { ChannelInput } from '../../../src-shared/contract';
import { useLogin } from '../../api/session';
import { TextField } from '../../components/Field';
import type { FieldBinding } from '../../lib/forms';

/**
 * Signing in, as the sign-in form and the lock screen both do it. After a
 * refused attempt the password is retyped, never edited: `retype` empties
 * it and puts the cursor there.
 */
export function useSignIn() {
  const login = useLogin();
  const signIn = (input: ChannelInput<'session.login'>, retype: () => void) => login.mutate(input, { onError: retype });
  return { login, signIn };
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

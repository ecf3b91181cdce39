import { useRef } from 'react';
import { useLogin } from '../../api/session';
import { TextField } from '../../components/Field';
import { useFormErrors } from '../../lib/use-form-errors';

/** After a failed attempt the password is retyped, never edited: empty it and put the cursor there. */
function clearPassword(form: HTMLFormElement | null): void {
  const input = form?.elements.namedItem('password');
  if (input instanceof HTMLInputElement) {
    input.value = '';
    input.focus();
  }
}

/**
 * Signing in, as the sign-in form and the lock screen both do it: the call,
 * the form's own problems, and a refused password emptied for retyping.
 */
export function useSignIn(fields: readonly string[]) {
  const login = useLogin();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, check } = useFormErrors(fields, login, formRef);
  const signIn = (username: string, password: string) =>
    login.mutate({ username, password }, { onError: () => clearPassword(formRef.current) });
  return { login, formRef, errors, check, signIn };
}

/** The password of someone signing in; marked invalid for its own problem or a refused attempt. */
export function SignInPasswordField({ error, refused, autoFocus }: { error: string | undefined; refused: boolean; autoFocus?: boolean }) {
  return (
    <TextField
      label="Password"
      name="password"
      type="password"
      autoComplete="current-password"
      error={error}
      aria-invalid={error || refused ? true : undefined}
      autoFocus={autoFocus}
    />
  );
}

import { useRef, type FormEvent } from 'react';
import { signInErrorText } from '../../api/error-text';
import { useLogin } from '../../api/session';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { fieldRules } from '../../lib/rules';
import { readForm, useFormErrors } from '../../lib/use-form-errors';
import type { EndReason } from '../../state/session-store';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['username', 'password'] as const;

const SIGNED_OUT_BECAUSE: Partial<Record<EndReason, string>> = {
  logout: 'You are signed out.',
  disabled: 'You were signed out because an administrator disabled your account.',
};

/** After a failed attempt the password is retyped, never edited: empty it and put the cursor there. */
export function clearPassword(form: HTMLFormElement | null): void {
  const input = form?.elements.namedItem('password');
  if (input instanceof HTMLInputElement) {
    input.value = '';
    input.focus();
  }
}

export function LoginScreen({ version, endReason }: { version: string; endReason: EndReason | null }) {
  const login = useLogin();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, check } = useFormErrors(FIELDS, login, formRef);
  const failure = login.error ? signInErrorText(login.error) : null;
  const notice = endReason ? SIGNED_OUT_BECAUSE[endReason] : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const v = readForm(event.currentTarget);
    const ok = check({
      username: fieldRules.required(v.username ?? '', 'your username'),
      password: fieldRules.required(v.password ?? '', 'your password'),
    });
    if (ok) login.mutate({ username: v.username ?? '', password: v.password ?? '' }, { onError: () => clearPassword(formRef.current) });
  }

  return (
    <AuthLayout title="Sign in to Vigil" footer={`Vigil ${version}`}>
      {notice && !failure && <Notice tone="info">{notice}</Notice>}
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Sign in">
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.username}
          aria-invalid={errors.username || failure ? true : undefined}
          autoFocus
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
          aria-invalid={errors.password || failure ? true : undefined}
        />
        {failure && <Notice tone="error" title="Not signed in">{failure}</Notice>}
        <Button type="submit" variant="primary" pending={login.isPending}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}

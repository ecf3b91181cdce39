import type { FormEvent } from 'react';
import { signInErrorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { UsernameField } from '../../components/AccountFields';
import { Notice } from '../../components/Notice';
import { fieldRules } from '../../lib/rules';
import { readForm } from '../../lib/use-form-errors';
import type { EndReason } from '../../state/session-store';
import { AuthLayout } from './AuthLayout';
import { SignInPasswordField, useSignIn } from './sign-in';

const FIELDS = ['username', 'password'] as const;

const SIGNED_OUT_BECAUSE: Partial<Record<EndReason, string>> = {
  logout: 'You are signed out.',
  disabled: 'You were signed out because an administrator disabled your account.',
};

export function LoginScreen({ version, endReason }: { version: string; endReason: EndReason | null }) {
  const { login, formRef, errors, check, signIn } = useSignIn(FIELDS);
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
    if (ok) signIn(v.username ?? '', v.password ?? '');
  }

  return (
    <AuthLayout title="Sign in to Vigil" footer={`Vigil ${version}`}>
      {notice && !failure && <Notice tone="info">{notice}</Notice>}
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Sign in">
        <UsernameField autoComplete="username" error={errors.username} aria-invalid={errors.username || failure ? true : undefined} autoFocus />
        <SignInPasswordField error={errors.password} refused={failure !== null} />
        {failure && <Notice tone="error" title="Not signed in">{failure}</Notice>}
        <Button type="submit" variant="primary" pending={login.isPending}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}

import { useRef, type FormEvent } from 'react';
import { useCreateAdmin } from '../../api/setup';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { fieldRules, PASSWORD_RULE, USERNAME_RULE } from '../../lib/rules';
import { readForm, useFormErrors } from '../../lib/use-form-errors';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['username', 'displayName', 'password', 'confirm'] as const;

export function SetupScreen({ version }: { version: string }) {
  const createAdmin = useCreateAdmin();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELDS, createAdmin, formRef);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createAdmin.isPending) return;
    const v = readForm(event.currentTarget);
    const ok = check({
      username: fieldRules.username(v.username ?? ''),
      displayName: fieldRules.displayName(v.displayName ?? ''),
      password: fieldRules.password(v.password ?? ''),
      confirm: fieldRules.confirm(v.confirm ?? '', v.password ?? ''),
    });
    if (ok) createAdmin.mutate({ username: v.username ?? '', displayName: v.displayName ?? '', password: v.password ?? '' });
  }

  return (
    <AuthLayout
      title="Set up Vigil"
      intro={
        <p>
          No accounts exist yet. Create the first administrator account; you will be signed in with it and can then
          add accounts for everyone else.
        </p>
      }
      footer={`Vigil ${version}`}
    >
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Create the administrator account">
        {formError && <Notice tone="error" title="The account was not created">{formError}</Notice>}
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          hint={USERNAME_RULE}
          error={errors.username}
          autoFocus
        />
        <TextField label="Display name" name="displayName" autoComplete="name" hint="Shown in the header and the audit trail." error={errors.displayName} />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" hint={PASSWORD_RULE} error={errors.password} />
        <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} />
        <Button type="submit" variant="primary" pending={createAdmin.isPending}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}

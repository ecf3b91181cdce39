import { useRef, type FormEvent } from 'react';
import { useCreateAdmin } from '../../api/setup';
import { NewAccountFields } from '../../components/AccountFields';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { newAccountProblems } from '../../lib/rules';
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
    if (check(newAccountProblems(v))) createAdmin.mutate({ username: v.username ?? '', displayName: v.displayName ?? '', password: v.password ?? '' });
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
        <NewAccountFields errors={errors} own />
        <Button type="submit" variant="primary" pending={createAdmin.isPending}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}

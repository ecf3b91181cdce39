import { useRef, type FormEvent } from 'react';
import { useChangePassword } from '../../api/session';
import { NewPasswordFields } from '../../components/AccountFields';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { fieldRules, newPasswordProblems } from '../../lib/rules';
import { readForm, useFormErrors } from '../../lib/use-form-errors';

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;

export function ChangePasswordForm() {
  const change = useChangePassword();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELDS, change, formRef);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    const form = event.currentTarget;
    const v = readForm(form);
    const ok = check({
      currentPassword: fieldRules.required(v.currentPassword ?? '', 'your current password'),
      ...newPasswordProblems(v, 'newPassword'),
    });
    if (!ok) return;
    change.mutate(
      { currentPassword: v.currentPassword ?? '', newPassword: v.newPassword ?? '' },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      {change.isSuccess && (
        <Notice tone="success" title="Password changed">
          Use the new password from now on. Any other sessions of yours were signed out.
        </Notice>
      )}
      {formError && <Notice tone="error" title="The password was not changed">{formError}</Notice>}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <NewPasswordFields name="newPassword" errors={errors} />
      <Button type="submit" variant="primary" pending={change.isPending}>
        Change password
      </Button>
    </form>
  );
}

import { useChangePassword } from '../../api/session';
import { NewPasswordFields } from '../../components/AccountFields';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { changePasswordSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';

export function ChangePasswordForm() {
  const change = useChangePassword();
  const { form, formProps, field, formError } = useContractForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
    mutation: change,
  });

  return (
    <form {...formProps((input) => change.mutate(input, { onSuccess: () => form.reset() }))} className="form" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      {change.isSuccess && (
        <Notice tone="success" title="Password changed">
          Use the new password from now on. Any other sessions of yours were signed out.
        </Notice>
      )}
      {formError && <Notice tone="error" title="The password was not changed">{formError}</Notice>}
      <TextField label="Current password" type="password" autoComplete="current-password" {...field('currentPassword')} />
      <NewPasswordFields name="newPassword" field={field} />
      <Button type="submit" variant="primary" pending={change.isPending}>
        Change password
      </Button>
    </form>
  );
}

import { signInRefusal, signInWaitOf } from '../../api/error-text';
import { useChangePassword } from '../../api/session';
import { isVigilError } from '../../api/vigil-error';
import { NewPasswordFields } from '../../components/AccountFields';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { SignInRefusalNotice } from '../../components/SignInRefusalNotice';
import { changePasswordSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';
import { useCountdown } from '../../lib/use-now';

const TITLE = 'The password was not changed';

/**
 * A wrong current password counts as a failed sign-in: main says so on the
 * field, and after too many it locks this account here as a sign-in would
 * (LOCKED), which this form waits out as the sign-in form does.
 */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const countdown = useCountdown();
  const { form, formProps, field, formError } = useContractForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
    mutation: change,
  });
  const locked = isVigilError(change.error, 'LOCKED');
  const waiting = countdown.secondsLeft > 0;

  function send(input: Parameters<typeof change.mutate>[0]) {
    if (waiting) return;
    change.mutate(input, { onSuccess: () => form.reset(), onError: (err) => countdown.start(signInWaitOf(err)?.retryAt ?? null) });
  }

  return (
    <form {...formProps(send)} className="form" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      {change.isSuccess && (
        <Notice tone="success" title="Password changed">
          Use the new password from now on. Any other sessions of yours were signed out.
        </Notice>
      )}
      {locked ? (
        <SignInRefusalNotice refusal={signInRefusal(change.error)} secondsLeft={countdown.secondsLeft} title={TITLE} />
      ) : (
        formError && <Notice tone="error" title={TITLE}>{formError}</Notice>
      )}
      <TextField label="Current password" type="password" autoComplete="current-password" {...field('currentPassword')} />
      <NewPasswordFields name="newPassword" field={field} />
      <Button type="submit" variant="primary" pending={change.isPending} disabled={waiting}>
        Change password
      </Button>
    </form>
  );
}

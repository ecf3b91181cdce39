import type { UserSummary } from '../../../src-shared/contract';
import { useResetPassword } from '../../api/users';
import { NewPasswordFields } from '../../components/AccountFields';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { resetPasswordSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';

export function ResetPasswordDialog({ user, onClose, onDone }: { user: UserSummary; onClose: () => void; onDone: (user: UserSummary) => void }) {
  const reset = useResetPassword();
  const { formProps, field, formError } = useContractForm({ schema: resetPasswordSchema, defaultValues: { newPassword: '', confirm: '' }, mutation: reset });

  return (
    <Dialog title={`Reset the password of ${user.username}`} onClose={onClose}>
      <p>
        {user.displayName} is signed out everywhere and signs in next with the password you set here. A lockout after
        failed sign-ins is cleared too.
      </p>
      <form {...formProps((input) => reset.mutate({ id: user.id, ...input }, { onSuccess: onDone }))} className="form" aria-label={`Reset the password of ${user.username}`}>
        {formError && <Notice tone="error" title="The password was not reset">{formError}</Notice>}
        <NewPasswordFields name="newPassword" field={field} autoFocus />
        <FormDialogActions onCancel={onClose} pending={reset.isPending}>
          Save password
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

import { useRef, type FormEvent } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { useResetPassword } from '../../api/users';
import { NewPasswordFields } from '../../components/AccountFields';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { newPasswordProblems } from '../../lib/rules';
import { readForm, useFormErrors } from '../../lib/use-form-errors';

const FIELDS = ['newPassword', 'confirm'] as const;

export function ResetPasswordDialog({ user, onClose, onDone }: { user: UserSummary; onClose: () => void; onDone: (user: UserSummary) => void }) {
  const reset = useResetPassword();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELDS, reset, formRef);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reset.isPending) return;
    const v = readForm(event.currentTarget);
    if (check(newPasswordProblems(v, 'newPassword'))) reset.mutate({ id: user.id, newPassword: v.newPassword ?? '' }, { onSuccess: onDone });
  }

  return (
    <Dialog title={`Reset the password of ${user.username}`} onClose={onClose}>
      <p>
        {user.displayName} is signed out everywhere and signs in next with the password you set here. A lockout after
        failed sign-ins is cleared too.
      </p>
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label={`Reset the password of ${user.username}`}>
        {formError && <Notice tone="error" title="The password was not reset">{formError}</Notice>}
        <NewPasswordFields name="newPassword" errors={errors} autoFocus />
        <FormDialogActions onCancel={onClose} pending={reset.isPending}>
          Save password
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

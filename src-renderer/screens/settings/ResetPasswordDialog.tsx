import { useRef, type FormEvent } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { useResetPassword } from '../../api/users';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { fieldRules, PASSWORD_RULE } from '../../lib/rules';
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
    const ok = check({
      newPassword: fieldRules.password(v.newPassword ?? ''),
      confirm: fieldRules.confirm(v.confirm ?? '', v.newPassword ?? ''),
    });
    if (ok) reset.mutate({ id: user.id, newPassword: v.newPassword ?? '' }, { onSuccess: onDone });
  }

  return (
    <Dialog title={`Reset the password of ${user.username}`} onClose={onClose}>
      <p>
        {user.displayName} is signed out everywhere and signs in next with the password you set here. A lockout after
        failed sign-ins is cleared too.
      </p>
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label={`Reset the password of ${user.username}`}>
        {formError && <Notice tone="error" title="The password was not reset">{formError}</Notice>}
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" hint={PASSWORD_RULE} error={errors.newPassword} autoFocus />
        <TextField label="Confirm new password" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} />
        <div className="dialog-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={reset.isPending}>
            Save password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

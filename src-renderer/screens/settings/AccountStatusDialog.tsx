import type { UserSummary } from '../../../src-shared/contract';
import { errorText } from '../../api/error-text';
import { useSetUserDisabled } from '../../api/users';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';

/** Confirms disabling or enabling an account; the last-admin refusal is shown right here. */
export function AccountStatusDialog({ user, onClose, onDone }: { user: UserSummary; onClose: () => void; onDone: (user: UserSummary) => void }) {
  const setDisabled = useSetUserDisabled();
  const disabling = !user.disabled;
  const verb = disabling ? 'Disable' : 'Enable';
  return (
    <Dialog title={`${verb} ${user.username}?`} onClose={onClose}>
      <p>
        {disabling
          ? `${user.displayName} is signed out at once and cannot sign in until an administrator enables the account again.`
          : `${user.displayName} can sign in again with their current password.`}
      </p>
      {setDisabled.isError && (
        <Notice tone="error" title={`${user.username} was not ${disabling ? 'disabled' : 'enabled'}`}>
          {errorText(setDisabled.error)}
        </Notice>
      )}
      <div className="dialog-actions">
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button
          variant={disabling ? 'danger' : 'primary'}
          pending={setDisabled.isPending}
          onClick={() => setDisabled.mutate({ id: user.id, disabled: disabling }, { onSuccess: onDone })}
        >
          {verb} account
        </Button>
      </div>
    </Dialog>
  );
}

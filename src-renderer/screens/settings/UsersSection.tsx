import { useState } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { useUsersList } from '../../api/users';
import { Button } from '../../components/Button';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { AccountStatusDialog } from './AccountStatusDialog';
import { CreateUserDialog } from './CreateUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UsersTable } from './UsersTable';

type OpenDialog = { kind: 'create' } | { kind: 'reset'; user: UserSummary } | { kind: 'status'; user: UserSummary } | null;

export function UsersSection({ me }: { me: UserSummary }) {
  const users = useUsersList();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [done, setDone] = useState<string | null>(null);
  const close = () => setDialog(null);
  const finish = (message: string) => {
    setDialog(null);
    setDone(message);
  };

  return (
    <>
      <ScreenHeader
        eyebrow="Settings"
        title="Users"
        intro="Local accounts that can sign in to this console, and what each may do."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'create' })}>
            New account
          </Button>
        }
      />
      {done && <Notice tone="success">{done}</Notice>}
      {users.isPending ? (
        <LoadingLine label="Loading accounts…" />
      ) : users.isError ? (
        <Notice tone="error" title="Could not load the accounts">{errorText(users.error)}</Notice>
      ) : (
        <UsersTable
          users={users.data.users}
          meId={me.id}
          onResetPassword={(user) => setDialog({ kind: 'reset', user })}
          onToggleDisabled={(user) => setDialog({ kind: 'status', user })}
        />
      )}
      {dialog?.kind === 'create' && (
        <CreateUserDialog
          onClose={close}
          onCreated={(user) => finish(`Created ${user.username} (${ROLE_LABELS[user.role]}). They can sign in now.`)}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={close}
          onDone={(user) => finish(`The password of ${user.username} is reset and they were signed out everywhere.`)}
        />
      )}
      {dialog?.kind === 'status' && (
        <AccountStatusDialog
          user={dialog.user}
          onClose={close}
          onDone={(user) => finish(user.disabled ? `${user.username} is disabled and was signed out.` : `${user.username} is enabled.`)}
        />
      )}
    </>
  );
}

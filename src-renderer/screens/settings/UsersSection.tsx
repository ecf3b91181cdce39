import type { UserSummary } from '../../../src-shared/contract';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { useUsersList } from '../../api/users';
import { Button } from '../../components/Button';
import { DoneMessage } from '../../components/DoneMessage';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useDialogs } from '../../lib/use-dialogs';
import { AccountStatusDialog } from './AccountStatusDialog';
import { CreateUserDialog } from './CreateUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { RolesGuide } from './RoleSelect';
import { UsersTable } from './UsersTable';

type OpenDialog = { kind: 'create' } | { kind: 'reset'; user: UserSummary } | { kind: 'status'; user: UserSummary };

export function UsersSection({ me }: { me: UserSummary }) {
  const users = useUsersList();
  const { dialog, done, clearDone, open, close, finish } = useDialogs<OpenDialog>();

  return (
    <>
      <ScreenHeader
        eyebrow="Settings"
        title="Users"
        intro="Local accounts that can sign in to this console, and what each may do."
        actions={
          <Button variant="primary" icon="plus" onClick={() => open({ kind: 'create' })}>
            New account
          </Button>
        }
      />
      <DoneMessage message={done} />
      {users.isPending ? (
        <LoadingLine label="Loading accounts…" />
      ) : users.isError ? (
        <Notice tone="error" title="Could not load the accounts">{errorText(users.error)}</Notice>
      ) : (
        <>
          <UsersTable
            users={users.data.users}
            meId={me.id}
            onResetPassword={(user) => open({ kind: 'reset', user })}
            onToggleDisabled={(user) => open({ kind: 'status', user })}
            onAction={clearDone}
          />
          <RolesGuide />
        </>
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

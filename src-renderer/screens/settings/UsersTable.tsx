import type { UserSummary } from '../../../src-shared/contract';
import { DataTable } from '../../components/DataTable';
import { UserRow, USER_COLUMNS as COLUMNS } from './UserRow';

const activeAdmin = (u: UserSummary) => u.role === 'admin' && !u.disabled;

export function UsersTable({ users, meId, onResetPassword, onToggleDisabled, onAction }: {
  users: UserSummary[];
  meId: number;
  onResetPassword: (user: UserSummary) => void;
  onToggleDisabled: (user: UserSummary) => void;
  onAction: () => void;
}) {
  const onlyAdminId = users.filter(activeAdmin).length === 1 ? users.find(activeAdmin)?.id : undefined;
  return (
    // The screen's heading already says Users; the caption names the table for assistive tech.
    <DataTable caption="Users" captionHidden columns={COLUMNS} className="users-table">
      {users.map((user) => (
        <UserRow
          key={user.id}
          user={user}
          isMe={user.id === meId}
          onlyAdmin={user.id === onlyAdminId}
          onResetPassword={onResetPassword}
          onToggleDisabled={onToggleDisabled}
          onAction={onAction}
        />
      ))}
    </DataTable>
  );
}

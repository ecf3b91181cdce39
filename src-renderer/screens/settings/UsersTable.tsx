import type { UserSummary } from '../../../src-shared/contract';
import { UserRow } from './UserRow';

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
    <div className="table-wrap">
      <table className="table users-table">
        {/* The screen's heading already says Users; the caption names the table for assistive tech. */}
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}

import type { UserSummary } from '../../../src-shared/contract';
import { UserRow } from './UserRow';

export function UsersTable({ users, meId, onResetPassword, onToggleDisabled }: {
  users: UserSummary[];
  meId: number;
  onResetPassword: (user: UserSummary) => void;
  onToggleDisabled: (user: UserSummary) => void;
}) {
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
              onResetPassword={onResetPassword}
              onToggleDisabled={onToggleDisabled}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { UserSummary } from '../../../src-shared/contract';
import { errorText } from '../../api/error-text';
import { useUpdateUser } from '../../api/users';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { formatMoment } from '../../lib/format';
import { accountStatus } from './account-status';
import { RoleSelect } from './RoleSelect';

const COLUMNS = 6;

export function UserRow({ user, isMe, onResetPassword, onToggleDisabled }: {
  user: UserSummary;
  isMe: boolean;
  onResetPassword: (user: UserSummary) => void;
  onToggleDisabled: (user: UserSummary) => void;
}) {
  const update = useUpdateUser();
  const status = accountStatus(user);
  const errorId = `user-${user.id}-error`;
  const shownRole = update.isPending && update.variables.role ? update.variables.role : user.role;
  return (
    <>
      <tr>
        <th scope="row">
          {user.username}
          {isMe && <span className="tag">you</span>}
        </th>
        <td className="nowrap">{user.displayName}</td>
        <td>
          <RoleSelect
            user={user}
            value={shownRole}
            busy={update.isPending}
            describedBy={update.isError ? errorId : undefined}
            onChange={(role) => update.mutate({ id: user.id, role })}
          />
        </td>
        <td>
          <span className={`status status-${status.tone}`}>
            <Icon name={status.icon} />
            <span>{status.text}</span>
          </span>
        </td>
        <td>{user.lastLoginAt ? <time dateTime={user.lastLoginAt}>{formatMoment(user.lastLoginAt)}</time> : 'Never'}</td>
        <td>
          <div className="row-actions">
            <Button onClick={() => onToggleDisabled(user)} variant={user.disabled ? 'secondary' : 'danger'}>
              {user.disabled ? 'Enable' : 'Disable'}
              <span className="visually-hidden"> {user.username}</span>
            </Button>
            <Button icon="key" onClick={() => onResetPassword(user)}>
              Reset password
              <span className="visually-hidden"> for {user.username}</span>
            </Button>
          </div>
        </td>
      </tr>
      {update.isError && (
        <tr className="row-error">
          <td colSpan={COLUMNS} id={errorId}>
            <Icon name="warning" />
            <span>{errorText(update.error)}</span>
          </td>
        </tr>
      )}
    </>
  );
}

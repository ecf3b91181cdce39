import type { UserSummary } from '../../../src-shared/contract';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { useUpdateUser } from '../../api/users';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { StatusLabel } from '../../components/StatusLabel';
import { screenHref } from '../../frame/screens';
import { formatMoment, isoOf } from '../../lib/time';
import { accountStatus } from './account-status';
import { RoleSelect } from './RoleSelect';

export const USER_COLUMNS = ['Username', 'Name', 'Role', 'Status', 'Last sign-in', 'Actions'] as const;

/**
 * One account. Only what the host would allow is offered: nobody disables
 * their own account from here, and the only active administrator can be
 * neither disabled nor given another role (the host refuses both).
 */
export function UserRow({ user, isMe, onlyAdmin, onResetPassword, onToggleDisabled, onAction }: {
  user: UserSummary;
  isMe: boolean;
  /** The only active administrator. */
  onlyAdmin: boolean;
  onResetPassword: (user: UserSummary) => void;
  onToggleDisabled: (user: UserSummary) => void;
  /** Something was changed here: what the last action did is old news. */
  onAction: () => void;
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
          {onlyAdmin ? (
            <>
              <span>{ROLE_LABELS[user.role]}</span>
              <span className="cell-note">The only active administrator</span>
            </>
          ) : (
            <RoleSelect
              user={user}
              value={shownRole}
              busy={update.isPending}
              describedBy={update.isError ? errorId : undefined}
              onChange={(role) => {
                onAction();
                update.mutate({ id: user.id, role });
              }}
            />
          )}
        </td>
        <td>
          <StatusLabel tone={status.tone} icon={status.icon}>
            {status.text}
          </StatusLabel>
          {status.note && <span className="cell-note">{status.note}</span>}
        </td>
        <td>{user.lastLoginAt ? <time dateTime={isoOf(user.lastLoginAt)}>{formatMoment(user.lastLoginAt)}</time> : 'Never'}</td>
        <td>
          <div className="row-actions">
            {isMe ? (
              // Your own password is changed with the current one, on Account.
              <a className="button button-secondary" href={screenHref('settings/account')}>
                <Icon name="key" />
                <span className="button-label">Change your password</span>
              </a>
            ) : (
              <Button icon="key" onClick={() => onResetPassword(user)}>
                Reset password
                <span className="visually-hidden"> for {user.username}</span>
              </Button>
            )}
            {!isMe && !onlyAdmin && (
              <Button onClick={() => onToggleDisabled(user)} variant={user.disabled ? 'secondary' : 'danger'}>
                {user.disabled ? 'Enable' : 'Disable'}
                <span className="visually-hidden"> {user.username}</span>
              </Button>
            )}
          </div>
        </td>
      </tr>
      {update.isError && (
        <tr className="row-error">
          <td colSpan={USER_COLUMNS.length} id={errorId}>
            <Icon name="warning" />
            <span>{errorText(update.error)}</span>
          </td>
        </tr>
      )}
    </>
  );
}

import type { UserSummary } from '../../../src-shared/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../src-shared/roles';

/** Role names in the order people think of them, labelled as everywhere else. */
export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}

/** The role picker inside a users-table row; the change is sent at once. */
export function RoleSelect({ user, value, busy, onChange, describedBy }: {
  user: UserSummary;
  value: Role;
  busy: boolean;
  onChange: (role: Role) => void;
  describedBy?: string;
}) {
  return (
    <span className="inline-control">
      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
        Role for {user.username}
      </label>
      <select
        id={`role-${user.id}`}
        value={value}
        aria-busy={busy || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value as Role)}
      >
        <RoleOptions />
      </select>
      {busy && <span className="spinner" aria-hidden="true" />}
    </span>
  );
}

import { Fragment, useId } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../src-shared/roles';
import { Icon } from '../../components/Icon';
import type { FieldBinding } from '../../lib/forms';
import { ROLE_ABILITIES } from './role-words';

/** Role names in the order people think of them, labelled as everywhere else. */
function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}

/** The role picker of a new account: every role with what it may do, so the choice is an informed one. */
export function RoleChoices({ error, ...radio }: FieldBinding) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className="choices role-choices" aria-describedby={error ? errorId : undefined}>
      <legend>Role</legend>
      {error && (
        <p id={errorId} className="field-error">
          <Icon name="warning" />
          <span>{error}</span>
        </p>
      )}
      {ROLES.map((role) => (
        <div key={role} className="choice">
          <input
            id={`${id}-${role}`}
            type="radio"
            value={role}
            aria-describedby={`${id}-${role}-may`}
            {...radio}
          />
          <label htmlFor={`${id}-${role}`}>{ROLE_LABELS[role]}</label>
          <p id={`${id}-${role}-may`} className="choice-description">
            {ROLE_ABILITIES[role]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

/** What each role may do, next to the table whose role pickers name them. */
export function RolesGuide() {
  return (
    <section className="panel panel-wide roles-guide" aria-labelledby="roles-guide-title">
      <h2 id="roles-guide-title">What each role may do</h2>
      <dl className="facts">
        {ROLES.map((role) => (
          <Fragment key={role}>
            <dt>{ROLE_LABELS[role]}</dt>
            <dd>{ROLE_ABILITIES[role]}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
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

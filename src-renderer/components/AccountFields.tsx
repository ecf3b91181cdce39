import type { ComponentProps, ReactNode } from 'react';
import { PASSWORD_RULE, USERNAME_RULE } from '../lib/account-rules';
import type { FieldBinding } from '../lib/forms';
import { TextField } from './Field';

/** A username as typed: no capital the keyboard adds by itself, no spelling marks. */
export function UsernameField({ hint, ...input }: { hint?: ReactNode } & ComponentProps<'input'> & FieldBinding) {
  return <TextField label="Username" autoCapitalize="none" spellCheck={false} hint={hint} {...input} />;
}

type PasswordName = 'password' | 'newPassword';

/**
 * A new password and the same again, under the contract's rule. Setup and a
 * new account ask for "password"; a reset and a change ask for "newPassword".
 */
export function NewPasswordFields<N extends PasswordName>({ name, field, autoFocus }: { name: N; field: (name: N | 'confirm') => FieldBinding; autoFocus?: boolean }) {
  const label = name === 'password' ? 'Password' : 'New password';
  return (
    <>
      <TextField label={label} type="password" autoComplete="new-password" hint={PASSWORD_RULE} autoFocus={autoFocus} {...field(name)} />
      <TextField label={`Confirm ${label.toLowerCase()}`} type="password" autoComplete="new-password" {...field('confirm')} />
    </>
  );
}

/** Two fields side by side, their labels, messages and boxes each on one line; or one after the other. */
function Pair({ paired, children }: { paired: boolean; children: ReactNode }) {
  return paired ? <div className="field-pair">{children}</div> : children;
}

/**
 * Who a new account is and how it signs in: the first administrator's own
 * (Setup, where the browser may offer to save it) or someone else's (New
 * account). `children` go between the name and the password: the role.
 * `paired` puts the two names, and the two passwords, side by side, for a
 * wide dialog that should fit a 1080-line screen.
 */
export function NewAccountFields({ field, own, paired = false, autoFocus = true, children }: {
  field: (name: 'username' | 'displayName' | 'password' | 'confirm') => FieldBinding;
  own: boolean;
  paired?: boolean;
  /** The username takes focus when the form opens, unless a field above it does. */
  autoFocus?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <Pair paired={paired}>
        <UsernameField hint={USERNAME_RULE} autoComplete={own ? 'username' : 'off'} autoFocus={autoFocus} {...field('username')} />
        <TextField label="Display name" autoComplete={own ? 'name' : 'off'} hint="Shown in the header and the audit trail." {...field('displayName')} />
      </Pair>
      {children}
      <Pair paired={paired}>
        <NewPasswordFields name="password" field={field} />
      </Pair>
    </>
  );
}

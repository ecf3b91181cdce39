import type { InputHTMLAttributes, ReactNode } from 'react';
import type { FieldErrors } from '../api/error-text';
import { PASSWORD_RULE, USERNAME_RULE } from '../lib/rules';
import { TextField } from './Field';

/** A username as typed: no capital the keyboard adds by itself, no spelling marks. */
export function UsernameField({ error, hint, ...input }: { error: string | undefined; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return <TextField label="Username" name="username" autoCapitalize="none" spellCheck={false} hint={hint} error={error} {...input} />;
}

/**
 * A new password and the same again, under the contract's rule. Setup and a
 * new account ask for "password"; a reset and a change ask for "newPassword".
 */
export function NewPasswordFields({ name, errors, autoFocus }: { name: 'password' | 'newPassword'; errors: FieldErrors; autoFocus?: boolean }) {
  const label = name === 'password' ? 'Password' : 'New password';
  return (
    <>
      <TextField label={label} name={name} type="password" autoComplete="new-password" hint={PASSWORD_RULE} error={errors[name]} autoFocus={autoFocus} />
      <TextField label={`Confirm ${label.toLowerCase()}`} name="confirm" type="password" autoComplete="new-password" error={errors.confirm} />
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
export function NewAccountFields({ errors, own, paired = false, children }: { errors: FieldErrors; own: boolean; paired?: boolean; children?: ReactNode }) {
  return (
    <>
      <Pair paired={paired}>
        <UsernameField hint={USERNAME_RULE} autoComplete={own ? 'username' : 'off'} error={errors.username} autoFocus />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete={own ? 'name' : 'off'}
          hint="Shown in the header and the audit trail."
          error={errors.displayName}
        />
      </Pair>
      {children}
      <Pair paired={paired}>
        <NewPasswordFields name="password" errors={errors} />
      </Pair>
    </>
  );
}

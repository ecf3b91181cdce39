/**
 * The forms about people's accounts (sign-in, setup, new account, password
 * changes): their schemas, derived from the contract's channel inputs, with
 * the words the contract's rules give.
 */
import { z } from 'zod';
import { CHANNELS, passwordSchema, usernameSchema } from '../../src-shared/contract';
import { problemWith, requiredText } from './form-fields';

/** The contract's own wording of each rule, shown as the hint, so the hint and the error from main never disagree. */
export const USERNAME_RULE = `${problemWith(usernameSchema, '')}.`;
export const PASSWORD_RULE = `${problemWith(passwordSchema, '')}.`;

const login = CHANNELS['session.login'].input.shape;

/** Signing in: both fields asked for by name; what they may hold is main's to judge. */
export const signInSchema = z.object({
  username: requiredText('Enter your username', login.username),
  password: requiredText('Enter your password', login.password),
});

/** Unlocking: the username is not in doubt, only the password is typed. */
export const unlockSchema = signInSchema.pick({ password: true });

/**
 * A new account's username: the contract's rule, right but general; a
 * capital letter is the usual slip, so it is named with its fix instead.
 */
const newUsername = z.string().superRefine((typed, ctx) => {
  const problem = typed === '' ? 'Enter a username' : problemWith(usernameSchema, typed);
  if (!problem) return;
  const lower = typed.toLowerCase();
  const slip = typed !== '' && lower !== typed && !problemWith(usernameSchema, lower);
  ctx.addIssue({ code: 'custom', message: slip ? `Use lower-case letters: "${lower}", not "${typed}"` : problem });
});

/** A new password is typed twice; the second copy must match (its problem shown on it) and is not sent. */
const typedTwice = (field: 'password' | 'newPassword'): [(values: Record<string, unknown>) => boolean, { path: string[]; message: string }] => [
  (values) => values.confirm === values[field],
  { path: ['confirm'], message: 'The two passwords are not the same' },
];

function withoutConfirm<T extends { confirm: string }>({ confirm: _confirm, ...input }: T): Omit<T, 'confirm'> {
  return input;
}

const confirm = z.string();

export const setupSchema = CHANNELS['setup.createAdmin'].input
  .extend({ username: newUsername, confirm })
  .refine(...typedTwice('password'))
  .transform(withoutConfirm);

export const newAccountSchema = CHANNELS['users.create'].input
  .extend({ username: newUsername, confirm })
  .refine(...typedTwice('password'))
  .transform(withoutConfirm);

/** An administrator's reset: the account's id is added by the dialog. */
export const resetPasswordSchema = CHANNELS['users.resetPassword'].input
  .omit({ id: true })
  .extend({ confirm })
  .refine(...typedTwice('newPassword'))
  .transform(withoutConfirm);

const change = CHANNELS['session.changePassword'].input.shape;

export const changePasswordSchema = CHANNELS['session.changePassword'].input
  .extend({ currentPassword: requiredText('Enter your current password', change.currentPassword), confirm })
  .refine(...typedTwice('newPassword'))
  .transform(withoutConfirm);

import type { z } from 'zod';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../src-shared/contract';

/** The first message a schema gives for a value, or undefined when it passes. */
export function problemWith(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The message a schema gives for one field of a value ('reveal.reason'), or undefined when that field passes. */
export function problemAt(schema: z.ZodType, value: unknown, path: string): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues.find((i) => i.path.join('.') === path)?.message;
}

/**
 * The contract's own wording of each rule, read by failing its schema on
 * purpose, so the hint under a field and the error from main never disagree.
 */
export const USERNAME_RULE = `${problemWith(usernameSchema, '')}.`;
export const PASSWORD_RULE = `${problemWith(passwordSchema, '')}.`;

export const fieldRules = {
  username: (v: string) => {
    // Nothing typed yet is not a broken rule: say what is missing.
    if (v === '') return 'Enter a username';
    const problem = problemWith(usernameSchema, v);
    // The contract's rule is right but general; a capital letter is the usual
    // slip, so name it and offer the fix instead of repeating the hint.
    const lower = v.toLowerCase();
    if (problem && lower !== v && !problemWith(usernameSchema, lower)) return `Use lower-case letters: "${lower}", not "${v}"`;
    return problem;
  },
  displayName: (v: string) => problemWith(displayNameSchema, v),
  password: (v: string) => problemWith(passwordSchema, v),
  confirm: (v: string, password: string) => (v === password ? undefined : 'The two passwords are not the same'),
  required: (v: string, what: string) => (v ? undefined : `Enter ${what}`),
};

/** A new password's problems, by field: the contract's rule, and the second copy matching the first. */
export function newPasswordProblems(values: Record<string, string>, name: 'password' | 'newPassword') {
  const password = values[name] ?? '';
  return { [name]: fieldRules.password(password), confirm: fieldRules.confirm(values.confirm ?? '', password) };
}

/** A new account's problems, by field (see NewAccountFields). */
export function newAccountProblems(values: Record<string, string>) {
  return {
    username: fieldRules.username(values.username ?? ''),
    displayName: fieldRules.displayName(values.displayName ?? ''),
    ...newPasswordProblems(values, 'password'),
  };
}

/** A whole number typed into a field, or the problem with it in words (the schema's own bounds, not its jargon). */
export function wholeNumber(text: string, min: number, max: number): { value: number } | { problem: string } {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    return { problem: `Enter a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}` };
  }
  return { value };
}

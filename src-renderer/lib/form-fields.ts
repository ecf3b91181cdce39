/**
 * Fields as people type them, read into the values the contract takes. Each
 * is a zod schema from text (what a box holds) to a value, refusing in words
 * that say what to type; the contract's own schema has the last word.
 */
import { z } from 'zod';
import { LOCAL_TIME_PROBLEM, parseLocalTime } from './time';

/**
 * The first message a schema gives for a value, or undefined when it
 * passes: the contract's wording of a rule, read by failing it on purpose,
 * so the hint under a field and the error from main never disagree.
 */
export function problemWith(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

export interface Bounds {
  min: number;
  max: number;
}

/** A contract number's bounds, for the words of a rule. */
export function boundsOf(schema: { minValue: number | null; maxValue: number | null }): Bounds {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/**
 * The most items a contract's list takes: zod keeps an array's length limit
 * to itself, so this finds the longest list of `item` it accepts (up to
 * `ceiling`). `item(i)` makes the i-th item, distinct from the others.
 */
export function longestList(schema: z.ZodType, item: (i: number) => unknown, ceiling = 1000): number {
  const takes = (length: number) => schema.safeParse(Array.from({ length }, (_, i) => item(i))).success;
  let longest = 0;
  // Past any shortest length the list must have, up to the first it refuses.
  for (let length = 1; length <= ceiling && (takes(length) || longest === 0); length += 1) if (takes(length)) longest = length;
  return longest;
}

/** Text that must not be empty (said so in these words), then the contract's rule for it. */
export function requiredText(message: string, rule: z.ZodType<string, string>) {
  return z.string().min(1, message).pipe(rule);
}

/** The words for a whole number out of its bounds, or not one at all. */
function wholeNumberProblem({ min, max }: Bounds): string {
  return `Enter a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}`;
}

function readWholeNumber(text: string, bounds: Bounds, ctx: z.RefinementCtx): number {
  const typed = text.trim();
  const value = Number(typed);
  if (/^\d+$/.test(typed) && value >= bounds.min && value <= bounds.max) return value;
  ctx.addIssue({ code: 'custom', message: wholeNumberProblem(bounds) });
  return z.NEVER;
}

/** A whole number typed into a box, as a number; anything else refused with its bounds, not the schema's jargon. */
export function wholeNumberText(bounds: Bounds) {
  return z.string().transform((text, ctx) => readWholeNumber(text, bounds, ctx));
}

/** The same, where an empty box means "none": undefined. */
export function optionalWholeNumberText(bounds: Bounds) {
  return z.string().transform((text, ctx) => (text.trim() === '' ? undefined : readWholeNumber(text, bounds, ctx)));
}

/** A local time typed as the tables write it (2026-11-23 14:05), as epoch ms; empty is undefined. */
export function localTimeText(edge: 'from' | 'to' = 'from') {
  return z.string().transform((text, ctx) => {
    if (!text.trim()) return undefined;
    const at = parseLocalTime(text, edge);
    if (at !== null) return at;
    ctx.addIssue({ code: 'custom', message: LOCAL_TIME_PROBLEM });
    return z.NEVER;
  });
}

// ------------------------------------------------------------ issues and the fields they are about

/**
 * Every field of a form's values, by path: objects are walked, and lists of
 * objects by index; anything else is one field (a list of strings is one
 * group of checkboxes).
 */
export function fieldPaths(values: unknown, prefix = ''): string[] {
  const at = (key: string | number) => (prefix ? `${prefix}.${key}` : String(key));
  if (Array.isArray(values) && values.some((v) => typeof v === 'object' && v !== null)) return values.flatMap((v, i) => fieldPaths(v, at(i)));
  if (typeof values === 'object' && values !== null && !Array.isArray(values)) {
    return Object.entries(values).flatMap(([key, v]) => fieldPaths(v, at(key)));
  }
  return prefix ? [prefix] : [];
}

/**
 * The field an issue path is about: the longest start of the path that
 * names one, so ['config', 'scopes', 2] finds 'config.scopes'.
 */
export function fieldAt(path: readonly PropertyKey[], fields: readonly string[]): string | undefined {
  const parts = path.map(String);
  for (let length = parts.length; length > 0; length -= 1) {
    const key = parts.slice(0, length).join('.');
    if (fields.includes(key)) return key;
  }
  return undefined;
}

/**
 * One typed value read with its field schema inside a form's transform:
 * the value, or undefined with the problem put on the field at `path`.
 */
export function readField<T>(ctx: z.RefinementCtx, schema: z.ZodType<T, string>, typed: string, path: PropertyKey[]): T | undefined {
  const read = schema.safeParse(typed);
  if (read.success) return read.data;
  for (const issue of read.error.issues) ctx.addIssue({ code: 'custom', path: [...path, ...issue.path], message: issue.message });
  return undefined;
}

/**
 * The contract's verdict on what a form built, its issues put on the
 * fields they are about (`prefix` is where the checked part sits in the
 * form, e.g. ['config']). Issues about what the form does not show are left
 * for main, whose answer is said above the form.
 */
export function reportIssues(ctx: z.RefinementCtx, issues: readonly z.core.$ZodIssue[] | undefined, fields: readonly string[], prefix: readonly PropertyKey[] = []): void {
  for (const issue of issues ?? []) {
    const field = fieldAt([...prefix, ...issue.path], fields);
    if (field !== undefined) ctx.addIssue({ code: 'custom', path: field.split('.'), message: issue.message });
  }
}

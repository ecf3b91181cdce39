import type { z } from 'zod';

/** The first message a schema gives for a value, or undefined when it passes. */
export function problemWith(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** A whole number typed into a field, or the problem with it in words (the schema's own bounds, not its jargon). */
export function wholeNumber(text: string, min: number, max: number): { value: number } | { problem: string } {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    return { problem: `Enter a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}` };
  }
  return { value };
}

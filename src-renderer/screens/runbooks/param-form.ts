/**
 * The Run form, built from a runbook's parameter definitions: each
 * parameter is a field whose text (or tick) is read into the value main
 * takes, refused in words that say what to enter. Main checks again and
 * its issues (path ['params', name]) land on the same fields.
 */
import { z } from 'zod';
import { DURATION_PATTERN, type RunbookParam } from '../../../src-shared/runbooks';

export type ParamText = string | boolean;

export interface RunFormValues {
  params: Record<string, ParamText>;
  /** The steps ticked to run. */
  steps: string[];
}

export interface RunRequest {
  params: Record<string, unknown>;
  /** Absent: every step. */
  steps?: string[];
}

export function paramLabel(param: RunbookParam): string {
  return param.label ?? param.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** What a field starts with: the definition's default, as the box shows it. */
function defaultText(param: RunbookParam): ParamText {
  if (param.type === 'boolean') return param.default ?? false;
  return param.default === undefined ? '' : String(param.default);
}

export function runFormDefaults(params: readonly RunbookParam[], stepIds: readonly string[]): RunFormValues {
  return { params: Object.fromEntries(params.map((p) => [p.name, defaultText(p)])), steps: [...stepIds] };
}

/** Text a person typed, or undefined for an empty box (refused when the parameter is required). */
function typedText(param: RunbookParam) {
  return z.string().transform((text, ctx) => {
    const typed = text.trim();
    if (typed === '' && param.required) ctx.addIssue({ code: 'custom', message: `Enter ${paramLabel(param).toLowerCase()}` });
    return typed === '' ? undefined : typed;
  });
}

function refuse(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

function textRule(param: Extract<RunbookParam, { type: 'string' }>, text: string, ctx: z.RefinementCtx): string {
  if (param.values && !param.values.includes(text)) return refuse(ctx, `Choose one of ${param.values.join(', ')}`);
  if (param.pattern && !new RegExp(param.pattern).test(text)) return refuse(ctx, `Enter text matching ${param.pattern}`);
  return text;
}

function numberRule(param: Extract<RunbookParam, { type: 'number' }>, text: string, ctx: z.RefinementCtx): number {
  const value = Number(text);
  const range = [param.min === undefined ? null : `at least ${param.min}`, param.max === undefined ? null : `at most ${param.max}`].filter(Boolean).join(' and ');
  const inRange = (param.min === undefined || value >= param.min) && (param.max === undefined || value <= param.max);
  if (!Number.isFinite(value) || !inRange) return refuse(ctx, range ? `Enter a number ${range}` : 'Enter a number');
  return value;
}

/** One parameter's field: from what the box holds to what main takes. */
function paramField(param: RunbookParam): z.ZodType<unknown, ParamText> {
  if (param.type === 'boolean') return z.boolean() as z.ZodType<unknown, ParamText>;
  const read = (rule: (text: string, ctx: z.RefinementCtx) => unknown) =>
    typedText(param).transform((text, ctx) => (text === undefined ? undefined : rule(text, ctx)));
  const field = (() => {
    switch (param.type) {
      case 'string':
        return read((text, ctx) => textRule(param, text, ctx));
      case 'number':
        return read((text, ctx) => numberRule(param, text, ctx));
      case 'one-of':
        return read((text, ctx) => (param.values.includes(text) ? text : refuse(ctx, `Choose one of ${param.values.join(', ')}`)));
      case 'connection':
        return read((text) => (text === 'all' ? 'all' : Number(text)));
      case 'duration':
        return read((text, ctx) => (DURATION_PATTERN.test(text) ? text : refuse(ctx, 'Enter a duration such as 30s, 5m or 1h30m')));
    }
  })();
  return field as unknown as z.ZodType<unknown, ParamText>;
}

/** The whole form's schema: its parameters, and the steps ticked (all of them sends none, meaning every step). */
export function runFormSchema(params: readonly RunbookParam[], stepIds: readonly string[]): z.ZodType<RunRequest, RunFormValues> {
  return z
    .object({
      params: z.object(Object.fromEntries(params.map((p) => [p.name, paramField(p)]))),
      steps: z.array(z.string()).min(1, 'Tick at least one step to run'),
    })
    .transform(({ params: values, steps }) => {
      const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
      const ordered = stepIds.filter((id) => steps.includes(id));
      return ordered.length === stepIds.length ? { params: given } : { params: given, steps: ordered };
    }) as unknown as z.ZodType<RunRequest, RunFormValues>;
}

/**
 * A runbook as written in YAML, and the few names both processes use about
 * runs. The main process validates files against runbookSchema (reporting
 * file, line and column); the Runbooks screen builds its parameter form from
 * the parsed definition it is given.
 */
import { z } from 'zod';
import { ROLES } from './roles';

export const RUNBOOK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const runbookIdSchema = z.string().regex(RUNBOOK_ID_PATTERN, 'an id of 2–64 lower-case letters, digits and dashes');

const nameKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a name of lower-case letters, digits and _ starting with a letter');

/** `30s`, `5m`, `1h30m`, `250ms`, `7d`. */
export const DURATION_PATTERN = /^(?:\d+(?:ms|s|m|h|d))+$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration's milliseconds, or null when the text is not one. */
export function parseDuration(text: string): number | null {
  if (!DURATION_PATTERN.test(text)) return null;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(n) * UNIT_MS[unit as string]!;
  return total;
}

export const durationSchema = z.string().regex(DURATION_PATTERN, 'a duration such as 30s, 5m or 1h30m');

export const PARAM_TYPES = ['string', 'number', 'boolean', 'one-of', 'connection', 'duration'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

const paramBase = {
  name: nameKey,
  label: z.string().trim().min(1).max(80).optional(),
  help: z.string().max(500).optional(),
  required: z.boolean().default(false),
};

export const paramSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...paramBase,
      type: z.literal('string'),
      default: z.string().max(2_000).optional(),
      /** Allowed values, when the text is one of a few. */
      values: z.array(z.string().max(200)).min(1).max(100).optional(),
      pattern: z.string().max(200).optional(),
      /** Kept out of the audit trail and history; a re-run asks for it again. */
      secret: z.boolean().default(false),
    })
    .strict(),
  z.object({ ...paramBase, type: z.literal('number'), default: z.number().optional(), min: z.number().optional(), max: z.number().optional() }).strict(),
  z.object({ ...paramBase, type: z.literal('boolean'), default: z.boolean().optional() }).strict(),
  z.object({ ...paramBase, type: z.literal('one-of'), values: z.array(z.string().min(1).max(200)).min(1).max(100), default: z.string().optional() }).strict(),
  /** A connection's id (or `all` when allowed): the form offers the connections by name. */
  z.object({ ...paramBase, type: z.literal('connection'), allow_all: z.boolean().default(false), default: z.union([z.number().int(), z.literal('all')]).optional() }).strict(),
  z.object({ ...paramBase, type: z.literal('duration'), default: durationSchema.optional() }).strict(),
]);
export type RunbookParam = z.output<typeof paramSchema>;

export const ON_ERROR = ['stop', 'continue'] as const;

/**
 * Text in a step's inputs may refer to `${params.NAME}` and
 * `${steps.ID.outputs.KEY}`; a value that is one reference alone keeps its
 * type, one inside text is written into it.
 */
export const stepSchema = z
  .object({
    id: nameKey,
    name: z.string().trim().min(1).max(120),
    action: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'an action name such as probe_connections'),
    with: z.record(z.string(), z.unknown()).default({}),
    /** true: its failure fails the run; false: a warning (PARTIAL_SUCCESS). */
    critical: z.boolean().default(true),
    timeout: durationSchema.optional(),
    /** Default: stop after a critical failure, continue after a warning. */
    on_error: z.enum(ON_ERROR).optional(),
    /** A person confirms before it runs (with the message, when text); against a production connection they type its name. */
    confirm: z.union([z.boolean(), z.string().trim().min(1).max(300)]).default(false),
    /** Runs only when this resolves to true, e.g. `${run.failed}` (an earlier step failed). */
    when: z.string().max(200).optional(),
  })
  .strict();
export type RunbookStep = z.output<typeof stepSchema>;

export const MISSED_RUN_POLICIES = ['run_once', 'skip'] as const;

export const scheduleSchema = z
  .object({
    cron: z.string().trim().min(9).max(120),
    timezone: z.string().trim().min(1).max(64).default('UTC'),
    /** After the computer slept or Vigil was closed through a run's time: run once on wake, or skip. */
    missed: z.enum(MISSED_RUN_POLICIES).default('run_once'),
    /** Parameter values for scheduled runs. */
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const approvalSchema = z
  .object({
    count: z.number().int().min(1).max(5),
    roles: z.array(z.enum(ROLES)).min(1),
  })
  .strict();

export const runbookSchema = z
  .object({
    id: runbookIdSchema,
    name: z.string().trim().min(1).max(120),
    description: z.string().max(4_000).default(''),
    version: z.number().int().positive().default(1),
    /** Who may run it (admins always may). */
    roles: z.array(z.enum(ROLES)).min(1),
    /** More than one run at a time. */
    concurrent: z.boolean().default(false),
    params: z.array(paramSchema).max(30).default([]),
    steps: z.array(stepSchema).min(1).max(100),
    schedule: scheduleSchema.optional(),
    approval: approvalSchema.optional(),
  })
  .strict();
export type RunbookDefinition = z.output<typeof runbookSchema>;

/** A connection tagged so is production: confirming a step against it means typing its name. */
export const PRODUCTION_TAGS = ['production', 'env:production', 'env:prod'] as const;

export const RUN_STATES = ['awaiting_approval', 'running', 'waiting_decision', 'done'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const RUN_RESULTS = ['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'INTERRUPTED', 'REJECTED'] as const;
export type RunResult = (typeof RUN_RESULTS)[number];

export const STEP_STATES = ['pending', 'running', 'waiting_decision', 'succeeded', 'failed', 'timed_out', 'cancelled', 'skipped', 'interrupted'] as const;
export type StepState = (typeof STEP_STATES)[number];

export const RUN_TRIGGERS = ['manual', 'schedule', 'rerun'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export const DEFAULT_RETENTION_DAYS = 180;

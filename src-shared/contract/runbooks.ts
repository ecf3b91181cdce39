/**
 * Runbooks: YAML procedures of built-in actions (src-shared/runbooks.ts has
 * the format), their versions, runs with streamed steps, approvals, a
 * person's decisions, schedules, the exec allow-list and history retention.
 * Who may run a runbook is the runbook's own `roles` (admins always): the
 * channels below check it on top of their permission.
 */
import { z } from 'zod';
import { roleSchema } from './users';
import { channel, empty, epochMs, event } from './define';
import {
  approvalSchema,
  MISSED_RUN_POLICIES,
  ON_ERROR,
  paramSchema,
  RUN_RESULTS,
  RUN_STATES,
  RUN_TRIGGERS,
  runbookIdSchema,
  runbookSchema,
  STEP_STATES,
} from '../runbooks';

const runId = z.string().min(1).max(64);
const stepId = z.string().min(1).max(40);
const comment = z.string().trim().min(1, 'Add a comment').max(2_000);

/** Where a runbook's YAML is wrong: the file, 1-based line and column, and what was expected. */
export const runbookIssueSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  /** The key path in the document, e.g. ['steps', 2, 'timeout']. */
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type RunbookIssue = z.infer<typeof runbookIssueSchema>;

export const RUNBOOK_SOURCES = ['shipped', 'custom'] as const;

export const runbookSummarySchema = z.object({
  id: z.string(),
  /** The definition's name, or the file name while it is invalid. */
  name: z.string(),
  description: z.string(),
  source: z.enum(RUNBOOK_SOURCES),
  fileName: z.string(),
  /** The saved version in Vigil (1 for a shipped file never edited). */
  version: z.number().int().positive(),
  valid: z.boolean(),
  /** The first problem while invalid (an invalid runbook cannot run); get has them all. */
  error: runbookIssueSchema.nullable(),
  roles: z.array(roleSchema),
  /** The caller may run it (their role is in its roles, or they are an admin). */
  mayRun: z.boolean(),
  concurrent: z.boolean(),
  params: z.array(paramSchema),
  steps: z.array(z.object({ id: z.string(), name: z.string(), action: z.string(), critical: z.boolean(), confirm: z.boolean() })),
  schedule: z.object({ cron: z.string(), timezone: z.string(), missed: z.enum(MISSED_RUN_POLICIES) }).nullable(),
  nextRunAt: epochMs.nullable(),
  approval: approvalSchema.nullable(),
  lastRun: z.object({ id: runId, state: z.enum(RUN_STATES), result: z.enum(RUN_RESULTS).nullable(), at: epochMs }).nullable(),
});
export type RunbookSummary = z.infer<typeof runbookSummarySchema>;

export const runbookVersionSchema = z.object({
  version: z.number().int().positive(),
  savedAt: epochMs,
  /** A username, or 'vigil' for the shipped file. */
  savedBy: z.string(),
  bytes: z.number().int().nonnegative(),
});

/** One confirmation given with Run: for a production connection, the name typed. */
export const confirmationSchema = z.object({ stepId, typedName: z.string().max(200).optional() }).strict();

export const runRequestSchema = z
  .object({
    id: runbookIdSchema,
    params: z.record(z.string(), z.unknown()).default({}),
    /** Only these steps, in the runbook's order; absent: every step. */
    steps: z.array(stepId).min(1).max(100).optional(),
    confirmations: z.array(confirmationSchema).max(100).default([]),
  })
  .strict();

export const planStepSchema = z.object({
  id: z.string(),
  name: z.string(),
  action: z.string(),
  /** The inputs with parameters put in (secrets shown as ••••); earlier outputs stay as their reference. */
  inputs: z.record(z.string(), z.unknown()),
  /** What the step would do, in a sentence. */
  describe: z.string(),
  critical: z.boolean(),
  onError: z.enum(ON_ERROR),
  timeoutMs: z.number().int().positive(),
  selected: z.boolean(),
  /** Runs only if this resolves true when its turn comes. */
  when: z.string().nullable(),
  /** Null: no confirmation. typeName: the production connection's name the person must type. */
  confirm: z.object({ message: z.string(), typeName: z.string().nullable() }).nullable(),
});

export const runPlanSchema = z.object({
  runbookId: z.string(),
  version: z.number().int().positive(),
  params: z.record(z.string(), z.unknown()),
  steps: z.array(planStepSchema),
  approval: approvalSchema.nullable(),
});
export type RunPlan = z.infer<typeof runPlanSchema>;

export const approvalVoteSchema = z.object({
  by: z.string(),
  decision: z.enum(['approved', 'rejected']),
  comment: z.string(),
  at: epochMs,
});

export const runSummarySchema = z.object({
  id: runId,
  runbookId: z.string(),
  runbookName: z.string(),
  version: z.number().int().positive(),
  state: z.enum(RUN_STATES),
  result: z.enum(RUN_RESULTS).nullable(),
  trigger: z.enum(RUN_TRIGGERS),
  /** Who asked for it: a username, or 'scheduler'. */
  actor: z.string(),
  /** Secret parameters are null. */
  params: z.record(z.string(), z.unknown()),
  selectedSteps: z.array(z.string()).nullable(),
  rerunOf: runId.nullable(),
  createdAt: epochMs,
  startedAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  approval: z.object({ needed: z.number().int(), roles: z.array(roleSchema), votes: z.array(approvalVoteSchema) }).nullable(),
  /** The step running or waiting now. */
  currentStep: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const stepLineSchema = z.object({ seq: z.number().int(), at: epochMs, text: z.string() });

export const decisionSchema = z.object({
  runId,
  runbookId: z.string(),
  runbookName: z.string(),
  stepId: z.string(),
  question: z.string(),
  choices: z.array(z.string()),
  /** Who may answer. */
  roles: z.array(roleSchema),
  askedAt: epochMs,
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: epochMs.nullable(),
  comment: z.string().nullable(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const runStepSchema = z.object({
  id: z.string(),
  name: z.string(),
  action: z.string(),
  critical: z.boolean(),
  state: z.enum(STEP_STATES),
  startedAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  /** One line on how it ended (error, timeout, skip reason). */
  message: z.string().nullable(),
  outputs: z.record(z.string(), z.unknown()),
  /** The newest lines kept (bounded); linesDropped counts the older ones let go. */
  lines: z.array(stepLineSchema),
  linesDropped: z.number().int().nonnegative(),
});
export type RunStep = z.infer<typeof runStepSchema>;

export const runDetailSchema = runSummarySchema.extend({
  steps: z.array(runStepSchema),
  decision: decisionSchema.nullable(),
  /** What the caller may do with it now. */
  can: z.object({ cancel: z.boolean(), approve: z.boolean(), answer: z.boolean(), rerun: z.boolean() }),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const runFilterSchema = z
  .object({
    runbookId: z.string().max(64).optional(),
    result: z.enum(RUN_RESULTS).optional(),
    state: z.enum(RUN_STATES).optional(),
    trigger: z.enum(RUN_TRIGGERS).optional(),
    actor: z.string().max(64).optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
  })
  .strict();

/** An executable an admin allowed the `exec` action to run. */
export const execEntrySchema = z
  .object({
    /** What a step names in `with: { command: NAME }`. */
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'A name of lower-case letters, digits, - and _'),
    path: z.string().min(2).max(1_000).refine((p) => p.startsWith('/') || /^[A-Za-z]:\\/.test(p), 'An absolute path'),
    /** Each element one argument; `{name}` in an element takes the step's `args.name`, within that one argument. */
    args: z.array(z.string().max(500)).max(50),
    timeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
    note: z.string().trim().min(1, 'Say what it is for').max(300),
  })
  .strict();
export type ExecEntry = z.output<typeof execEntrySchema>;

const execList = z.object({ entries: z.array(execEntrySchema.extend({ addedBy: z.string(), addedAt: epochMs })) });

const withRun = z.object({ run: runDetailSchema });

export const RUNBOOK_CHANNELS = {
  'runbooks.list': channel({
    summary: 'The runbooks the caller may see (admins: all, invalid ones with their error), with last result, next scheduled run and who may run each',
    access: 'runbooks.read',
    audited: false,
    input: empty,
    output: z.object({ runbooks: z.array(runbookSummarySchema), now: epochMs }),
  }),
  'runbooks.get': channel({
    summary: "A runbook's YAML (a given version or the newest), its parsed definition and every problem in it",
    access: 'runbooks.read',
    audited: false,
    input: z.object({ id: z.string().min(1).max(64), version: z.number().int().positive().optional() }).strict(),
    output: z.object({
      runbook: runbookSummarySchema,
      yaml: z.string(),
      definition: runbookSchema.nullable(),
      issues: z.array(runbookIssueSchema),
    }),
  }),
  'runbooks.validate': channel({
    summary: 'Check YAML against the runbook schema (the editor asks as it is typed): each problem with line and column',
    access: 'runbooks.read',
    audited: false,
    input: z.object({ yaml: z.string().max(500_000), fileName: z.string().max(200).default('runbook.yaml') }).strict(),
    output: z.object({ valid: z.boolean(), issues: z.array(runbookIssueSchema), definition: runbookSchema.nullable() }),
  }),
  'runbooks.save': channel({
    summary: 'Import a new runbook (baseVersion null) or save an edit as a new version; refused while invalid or when someone saved since baseVersion',
    access: 'runbooks.manage',
    audited: true,
    input: z
      .object({
        yaml: z.string().min(1).max(500_000),
        fileName: z.string().max(200).default('runbook.yaml'),
        baseVersion: z.number().int().positive().nullable(),
      })
      .strict(),
    output: z.object({ runbook: runbookSummarySchema }),
  }),
  'runbooks.delete': channel({
    summary: 'Delete an imported runbook with its versions (history stays); shipped runbooks cannot be deleted',
    access: 'runbooks.manage',
    audited: true,
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    output: empty,
  }),
  'runbooks.versions': channel({
    summary: "A runbook's saved versions, newest first",
    access: 'runbooks.read',
    audited: false,
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    output: z.object({ versions: z.array(runbookVersionSchema) }),
  }),
  'runbooks.diff': channel({
    summary: 'The line diff between two versions of a runbook',
    access: 'runbooks.read',
    audited: false,
    input: z.object({ id: z.string().min(1).max(64), from: z.number().int().positive(), to: z.number().int().positive() }).strict(),
    output: z.object({
      /** A unified patch, for copying. */
      patch: z.string(),
      lines: z.array(z.object({ kind: z.enum(['added', 'removed', 'same']), text: z.string(), oldLine: z.number().int().nullable(), newLine: z.number().int().nullable() })),
      added: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
    }),
  }),
  'runbooks.dryRun': channel({
    summary: 'The resolved plan of a run (parameters, steps, what each would do, confirmations needed); changes nothing and is not recorded',
    access: 'runbooks.read',
    audited: false,
    input: runRequestSchema.omit({ confirmations: true }),
    output: z.object({ plan: runPlanSchema }),
  }),
  'runbooks.run': channel({
    summary: 'Run a runbook (or selected steps) with parameters and the confirmations its steps ask for; a gated runbook waits for approval',
    access: 'runbooks.read',
    audited: true,
    input: runRequestSchema,
    output: withRun,
  }),
  'runs.list': channel({
    summary: 'Run history, newest first, with filters and a cursor',
    access: 'runbooks.read',
    audited: false,
    input: z
      .object({
        filter: runFilterSchema.default({}),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional(),
      })
      .strict(),
    output: z.object({ runs: z.array(runSummarySchema), nextCursor: z.string().nullable(), now: epochMs }),
  }),
  'runs.get': channel({
    summary: 'A run with each step’s state, duration, outputs and kept output lines',
    access: 'runbooks.read',
    audited: false,
    input: z.object({ id: runId }).strict(),
    output: withRun,
  }),
  'runs.cancel': channel({
    summary: 'Cancel a run: the current step stops through its signal and the rest are skipped (a run awaiting approval is withdrawn)',
    access: 'runbooks.read',
    audited: true,
    input: z.object({ id: runId }).strict(),
    output: withRun,
  }),
  'runs.rerun': channel({
    summary: 'Run again with the same parameters and steps (secret parameters given again)',
    access: 'runbooks.read',
    audited: true,
    input: z
      .object({
        id: runId,
        /** Secret parameters, which history does not keep. */
        params: z.record(z.string(), z.unknown()).default({}),
        confirmations: z.array(confirmationSchema).max(100).default([]),
      })
      .strict(),
    output: withRun,
  }),
  'approvals.list': channel({
    summary: 'Runs awaiting approval that the caller may approve (not their own), oldest first',
    access: 'runbooks.read',
    audited: false,
    input: empty,
    output: z.object({ runs: z.array(runSummarySchema), now: epochMs }),
  }),
  'approvals.approve': channel({
    summary: 'Approve a run with a comment; the last approval needed starts it',
    access: 'runbooks.read',
    audited: true,
    input: z.object({ runId, comment }).strict(),
    output: withRun,
  }),
  'approvals.reject': channel({
    summary: 'Reject a run with a comment; it ends REJECTED',
    access: 'runbooks.read',
    audited: true,
    input: z.object({ runId, comment }).strict(),
    output: withRun,
  }),
  'decisions.list': channel({
    summary: 'Questions runs are waiting on that the caller may answer',
    access: 'runbooks.read',
    audited: false,
    input: empty,
    output: z.object({ decisions: z.array(decisionSchema), now: epochMs }),
  }),
  'decisions.answer': channel({
    summary: 'Answer a run’s question with one of its choices; the run continues with the answer',
    access: 'runbooks.read',
    audited: true,
    input: z.object({ runId, stepId, choice: z.string().min(1).max(200), comment: z.string().trim().max(2_000).default('') }).strict(),
    output: withRun,
  }),
  'runbooks.exec.get': channel({
    summary: 'The executables the exec action may run, with their argument templates',
    access: 'runbooks.manage',
    audited: false,
    input: empty,
    output: execList,
  }),
  'runbooks.exec.set': channel({
    summary: 'Replace the exec allow-list',
    access: 'runbooks.manage',
    audited: true,
    input: z
      .object({ entries: z.array(execEntrySchema).max(50) })
      .strict()
      .refine((v) => new Set(v.entries.map((e) => e.name)).size === v.entries.length, { message: 'Each name once', path: ['entries'] }),
    output: execList,
  }),
  'runbooks.retention.get': channel({
    summary: 'How long run history is kept',
    access: 'runbooks.read',
    audited: false,
    input: empty,
    output: z.object({ days: z.number().int().positive() }),
  }),
  'runbooks.retention.set': channel({
    summary: 'Set how long run history is kept (days); older runs are pruned',
    access: 'runbooks.manage',
    audited: true,
    input: z.object({ days: z.number().int().min(1).max(3_650) }).strict(),
    output: z.object({ days: z.number().int().positive(), pruned: z.number().int().nonnegative() }),
  }),
};

export const RUNBOOK_EVENTS = {
  'runbook.changed': event({
    summary: 'A runbook was imported, edited or deleted (or its file changed validity)',
    audience: 'runbooks.read',
    payload: z.object({ runbookId: z.string() }),
  }),
  'runbook.run.changed': event({
    summary: "A run's state or result changed (created, approved, started, waiting, ended)",
    audience: 'runbooks.read',
    payload: z.object({ runId, runbookId: z.string(), state: z.enum(RUN_STATES), result: z.enum(RUN_RESULTS).nullable(), at: epochMs }),
  }),
  'runbook.step': event({
    summary: "A step started, wrote a line of output (redacted) or ended (with its state and duration)",
    audience: 'runbooks.read',
    payload: z.object({
      runId,
      runbookId: z.string(),
      stepId: z.string(),
      kind: z.enum(['start', 'output', 'result']),
      at: epochMs,
      /** Output: the line's number within the step. */
      seq: z.number().int().nonnegative(),
      text: z.string().nullable(),
      state: z.enum(STEP_STATES),
      durationMs: z.number().int().nonnegative().nullable(),
    }),
  }),
  'runbook.attention': event({
    summary: 'A run needs people: an approval or a decision, answerable by these roles',
    audience: 'runbooks.read',
    payload: z.object({ runId, runbookId: z.string(), kind: z.enum(['approval', 'decision']), roles: z.array(roleSchema) }),
  }),
};

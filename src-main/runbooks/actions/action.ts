/**
 * What a built-in action is to the executor: a name, the inputs it takes
 * (a zod object), a sentence for the dry run, and what it does. An action
 * reports a failure by throwing; StepFailure keeps the outputs it found.
 */
import type { z } from 'zod';
import type { Role } from '../../../src-shared/roles';

export interface ActionContext<I> {
  inputs: I;
  /** Aborts on cancel and on the step's timeout; an action passes it to whatever it waits on. */
  signal: AbortSignal;
  /** A line of output (redacted and bounded by the executor). */
  log(line: string): void;
  runId: string;
  /** Who asked for the run: a username or 'scheduler'. */
  actor: string;
  /** Pauses the run with a question until someone with one of the roles answers. */
  decide(question: string, choices: string[], roles: Role[]): Promise<{ choice: string; by: string }>;
}

export interface ActionDef<S extends z.ZodObject = z.ZodObject> {
  name: string;
  summary: string;
  inputs: S;
  /** What it would do with these inputs, for the dry run. */
  describe(inputs: z.output<S>): string;
  /** Connections it acts on (a confirmation against a production one means typing its name). */
  connections?(inputs: z.output<S>): number[];
  defaultTimeoutMs: number;
  run(ctx: ActionContext<z.output<S>>): Promise<Record<string, unknown>>;
}

/** Builds an action with its input type inferred. */
export function action<S extends z.ZodObject>(def: ActionDef<S>): ActionDef {
  return def as unknown as ActionDef;
}

/** A step that failed but found something worth keeping (which connections failed, say). */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly outputs: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

export type ActionSet = ReadonlyMap<string, ActionDef>;

/**
 * Runs one run's steps in order: resolves each step's inputs, runs its
 * action under a signal that cancel and the step's timeout abort, keeps its
 * output lines (redacted, bounded), streams every start, line and result as
 * events, and decides the run's result as the seed's maintenance script
 * does: a critical failure fails the run (TIMED_OUT when it timed out), a
 * warning makes it PARTIAL_SUCCESS.
 */
import type { Role } from '../../src-shared/roles';
import { parseDuration, type RunbookDefinition, type RunResult, type StepState } from '../../src-shared/runbooks';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { StepFailure, type ActionSet } from './actions/action';
import { resolve, truthy, type Scope } from './definition/templates';
import type { RunRepo } from './run-repo';
import type { Timers } from '../monitor';

export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;

export interface LiveRun {
  id: string;
  runbookId: string;
  definition: RunbookDefinition;
  /** Every value, secrets included (never stored). */
  params: Record<string, unknown>;
  selected: ReadonlySet<string> | null;
  /** Values of secret parameters: masked wherever a step's lines or outputs repeat them. */
  secrets: readonly string[];
  actor: string;
  controller: AbortController;
  /** The question the run waits on, answered through answer(). */
  waiting: { stepId: string; choices: string[]; roles: Role[]; settle(answer: { choice: string; by: string }): void } | null;
}

export interface ExecutorDeps {
  repo: RunRepo;
  events: EventBus;
  clock: Clock;
  timers: Timers;
  actions: ActionSet;
  redact(text: string): string;
}

class StepTimeout extends Error {}

/** Vigil is closing: the run is left as it stands, and the next start marks it INTERRUPTED as after a crash. */
export class Shutdown extends Error {}

const shuttingDown = (run: LiveRun) => run.controller.signal.reason instanceof Shutdown;

/** Rejects when the signal aborts, so an action that ignores its signal still lets the run go on. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((done, fail) => {
    const onAbort = () => fail(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        done(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        fail(e as Error);
      },
    );
  });
}

export class Executor {
  constructor(private readonly deps: ExecutorDeps) {}

  async execute(run: LiveRun): Promise<RunResult> {
    const { repo, clock } = this.deps;
    const outputs = new Map<string, Record<string, unknown>>();
    let warned = false;
    let failed: 'failed' | 'timed_out' | null = null;
    let stopped = false;
    for (const step of run.definition.steps) {
      if (shuttingDown(run)) return 'INTERRUPTED';
      const cancelled = run.controller.signal.aborted;
      if (cancelled || stopped || (run.selected && !run.selected.has(step.id))) {
        const why = cancelled ? 'The run was cancelled.' : stopped ? 'An earlier step failed and stopped the run.' : 'Not selected for this run.';
        this.end(run, step.id, 'skipped', why, {}, null);
        continue;
      }
      const scope: Scope = { params: run.params, outputs, run: { failed: warned || failed !== null, id: run.id, actor: run.actor } };
      if (step.when !== undefined && !truthy(resolve(step.when, scope))) {
        this.end(run, step.id, 'skipped', `Its condition ${step.when} was false.`, {}, null);
        continue;
      }
      const state = await this.runStep(run, step, scope, outputs);
      if (state === 'cancelled' || state === 'interrupted') continue;
      if (state === 'failed' || state === 'timed_out') {
        if (step.critical) failed = failed ?? state;
        else warned = true;
        if ((step.on_error ?? (step.critical ? 'stop' : 'continue')) === 'stop') stopped = true;
      }
    }
    if (shuttingDown(run)) return 'INTERRUPTED';
    const result: RunResult = run.controller.signal.aborted ? 'CANCELLED' : failed === 'timed_out' ? 'TIMED_OUT' : failed ? 'FAILED' : warned ? 'PARTIAL_SUCCESS' : 'SUCCESS';
    const at = clock.now();
    repo.setRun(run.id, { state: 'done', result, endedAt: at, currentStep: null });
    this.deps.events.emit('runbook.run.changed', { runId: run.id, runbookId: run.runbookId, state: 'done', result, at });
    return result;
  }

  private async runStep(run: LiveRun, step: RunbookDefinition['steps'][number], scope: Scope, outputs: Map<string, Record<string, unknown>>): Promise<StepState> {
    const { repo, events, clock, timers } = this.deps;
    const action = this.deps.actions.get(step.action);
    const startedAt = clock.now();
    repo.setStep(run.id, step.id, { state: 'running', startedAt });
    repo.setRun(run.id, { currentStep: step.id });
    events.emit('runbook.step', { runId: run.id, runbookId: run.runbookId, stepId: step.id, kind: 'start', at: startedAt, seq: 0, text: null, state: 'running', durationMs: null });

    const stepAbort = new AbortController();
    const onRunAbort = () => stepAbort.abort(run.controller.signal.reason);
    run.controller.signal.addEventListener('abort', onRunAbort, { once: true });
    const timeoutMs = (step.timeout && parseDuration(step.timeout)) || action?.defaultTimeoutMs || DEFAULT_STEP_TIMEOUT_MS;
    const timer = timers.setTimeout(() => stepAbort.abort(new StepTimeout(`It did not finish within ${step.timeout ?? `${Math.round(timeoutMs / 1000)}s`}.`)), timeoutMs);
    let seq = 0;
    const log = (line: string) => {
      for (const part of line.split(/\r?\n/)) {
        seq += 1;
        const text = this.mask(run, this.deps.redact(part));
        const at = clock.now();
        repo.addLine(run.id, step.id, seq, at, text);
        events.emit('runbook.step', { runId: run.id, runbookId: run.runbookId, stepId: step.id, kind: 'output', at, seq, text, state: 'running', durationMs: null });
      }
    };
    let state: StepState;
    let message: string | null = null;
    let found: Record<string, unknown> = {};
    try {
      if (!action) throw new StepFailure(`Vigil has no action ${step.action}.`);
      const parsed = action.inputs.safeParse(resolve(step.with, scope));
      if (!parsed.success) throw new StepFailure(`Its inputs are not right: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'with'}: ${i.message}`).join('; ')}`);
      found = await abortable(
        action.run({
          inputs: parsed.data,
          signal: stepAbort.signal,
          log,
          runId: run.id,
          actor: run.actor,
          decide: (question, choices, roles) => this.decide(run, step.id, question, choices, roles),
        }),
        stepAbort.signal,
      );
      state = 'succeeded';
    } catch (err) {
      if (run.controller.signal.aborted) {
        state = 'cancelled';
        message = 'Cancelled.';
      } else if (stepAbort.signal.reason instanceof StepTimeout) {
        state = 'timed_out';
        message = stepAbort.signal.reason.message;
      } else {
        state = 'failed';
        message = this.deps.redact(err instanceof Error ? err.message : String(err));
        if (err instanceof StepFailure) found = err.outputs;
      }
    } finally {
      timers.clearTimeout(timer);
      run.controller.signal.removeEventListener('abort', onRunAbort);
      run.waiting = null;
    }
    if (shuttingDown(run)) return 'interrupted';
    outputs.set(step.id, found);
    const kept = run.secrets.length === 0 ? found : (JSON.parse(this.mask(run, JSON.stringify(found))) as Record<string, unknown>);
    this.end(run, step.id, state, message && this.mask(run, message), kept, startedAt);
    return state;
  }

  private mask(run: LiveRun, text: string): string {
    return run.secrets.reduce((t, secret) => t.split(secret).join('••••'), text);
  }

  private end(run: LiveRun, stepId: string, state: StepState, message: string | null, outputs: Record<string, unknown>, startedAt: number | null): void {
    const at = this.deps.clock.now();
    this.deps.repo.setStep(run.id, stepId, { state, message, outputs, endedAt: startedAt === null ? undefined : at });
    this.deps.events.emit('runbook.step', {
      runId: run.id,
      runbookId: run.runbookId,
      stepId,
      kind: 'result',
      at,
      seq: 0,
      text: message,
      state,
      durationMs: startedAt === null ? null : at - startedAt,
    });
  }

  private decide(run: LiveRun, stepId: string, question: string, choices: string[], roles: Role[]): Promise<{ choice: string; by: string }> {
    const { repo, events, clock } = this.deps;
    const at = clock.now();
    repo.ask(run.id, stepId, question, choices, roles, at);
    repo.setRun(run.id, { state: 'waiting_decision' });
    repo.setStep(run.id, stepId, { state: 'waiting_decision' });
    return new Promise((settle) => {
      run.waiting = {
        stepId,
        choices,
        roles,
        settle: (answer) => {
          run.waiting = null;
          repo.setRun(run.id, { state: 'running' });
          repo.setStep(run.id, stepId, { state: 'running' });
          events.emit('runbook.run.changed', { runId: run.id, runbookId: run.runbookId, state: 'running', result: null, at: clock.now() });
          settle(answer);
        },
      };
      events.emit('runbook.run.changed', { runId: run.id, runbookId: run.runbookId, state: 'waiting_decision', result: null, at });
      events.emit('runbook.attention', { runId: run.id, runbookId: run.runbookId, kind: 'decision', roles });
    });
  }
}

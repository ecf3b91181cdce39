/**
 * Starting, approving, answering and cancelling runs. What many callers may
 * race on (one run at a time per runbook, the last approval, the first
 * answer) is decided in one synchronous transaction after the last await.
 * Runs in progress live here, in main, so a renderer reload loses nothing.
 */
import { v7 as uuidv7 } from 'uuid';
import type { RunDetail, RunSummary } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import type { RunbookDefinition, RunResult, RunTrigger } from '../../src-shared/runbooks';
import { auditTarget, type AuditWriter } from '../audit';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ActionSet } from './actions/action';
import { checkParams, publicParams } from './definition/params';
import { Shutdown, type Executor, type LiveRun } from './executor';
import type { RunbookLibrary } from './library';
import { planRun, type PlanConnection } from './plan';
import type { RunRepo } from './run-repo';

/** A refusal the caller should see: code as the dispatcher's, details next to form fields. */
export class RunRefusal extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID_INPUT',
    message: string,
    readonly details?: Array<{ path: string[]; message: string }>,
  ) {
    super(message);
    this.name = 'RunRefusal';
  }
}

export type Requester = { username: string; role: Role } | 'scheduler';

export interface RunRequest {
  id: string;
  params: Record<string, unknown>;
  steps?: string[];
  confirmations: Array<{ stepId: string; typedName?: string }>;
}

export interface RunServiceDeps {
  db: Database.Database;
  repo: RunRepo;
  library: RunbookLibrary;
  executor: Executor;
  actions: ActionSet;
  events: EventBus;
  clock: Clock;
  log: Logger;
  audit: AuditWriter;
  connection(id: number): PlanConnection | null;
}

const actorOf = (r: Requester) => (r === 'scheduler' ? 'scheduler' : r.username);

export function mayRun(def: Pick<RunbookDefinition, 'roles'>, role: Role): boolean {
  return role === 'admin' || def.roles.includes(role);
}

export class RunService {
  private readonly live = new Map<string, LiveRun>();
  private readonly finished = new Map<string, Promise<RunResult>>();
  /** Secret parameters of runs awaiting approval: kept in memory only. */
  private readonly secrets = new Map<string, Record<string, unknown>>();
  private closing = false;

  constructor(private readonly deps: RunServiceDeps) {}

  /** The checked definition a caller may run; refusals as the channel should answer. */
  runnable(id: string, requester: Requester, version?: number): { def: RunbookDefinition; version: number } {
    const loaded = this.deps.library.get(id, version);
    if (!loaded) throw new RunRefusal('NOT_FOUND', `There is no runbook ${id}.`);
    if (!loaded.definition) throw new RunRefusal('CONFLICT', `${id} is not valid and cannot run: ${loaded.issues[0]?.message ?? ''} (${loaded.fileName}:${loaded.issues[0]?.line ?? 1}:${loaded.issues[0]?.column ?? 1}).`);
    if (requester !== 'scheduler' && !mayRun(loaded.definition, requester.role)) throw new RunRefusal('FORBIDDEN', `Your role may not run ${loaded.definition.name}.`);
    return { def: loaded.definition, version: loaded.version };
  }

  /** The dry run's plan: checks the request as Run would, changes nothing. */
  plan(request: Omit<RunRequest, 'confirmations'>, requester: Requester) {
    const { def, version } = this.runnable(request.id, requester);
    const { values, selected } = this.checkRequest(def, request);
    return planRun(def, version, values, selected, this.deps.actions, this.deps.connection);
  }

  /** Starts a run, or leaves it awaiting approval when the runbook is gated. */
  start(request: RunRequest, requester: Requester, trigger: RunTrigger = 'manual', rerunOf: string | null = null, version?: number): RunSummary {
    const { def, version: v } = this.runnable(request.id, requester, version);
    const { values, selected } = this.checkRequest(def, request);
    const plan = planRun(def, v, values, selected, this.deps.actions, this.deps.connection);
    const problems = plan.steps.flatMap((s) => {
      if (!s.selected || !s.confirm) return [];
      const given = request.confirmations.find((c) => c.stepId === s.id);
      if (!given) return [{ path: ['confirmations', s.id], message: `Confirm “${s.name}” before it runs` }];
      if (s.confirm.typeName !== null && given.typedName?.trim() !== s.confirm.typeName) return [{ path: ['confirmations', s.id], message: `Type ${s.confirm.typeName} to confirm: it is a production connection` }];
      return [];
    });
    if (problems.length > 0) throw new RunRefusal('INVALID_INPUT', problems[0]!.message, problems);

    const id = uuidv7();
    const now = this.deps.clock.now();
    const gated = def.approval !== undefined;
    const insert = this.deps.db.transaction(() => {
      if (!gated) this.refuseOverlap(def);
      this.deps.repo.insert({
        id,
        runbookId: def.id,
        runbookName: def.name,
        version: v,
        state: gated ? 'awaiting_approval' : 'running',
        trigger,
        actor: actorOf(requester),
        params: publicParams(def.params, values),
        selectedSteps: selected ? [...selected] : null,
        rerunOf,
        approval: def.approval ? { needed: def.approval.count, roles: def.approval.roles } : null,
        createdAt: now,
        steps: def.steps.map((s) => ({ id: s.id, name: s.name, action: s.action, critical: s.critical, state: 'pending' })),
      });
      if (!gated) this.deps.repo.setRun(id, { startedAt: now });
    });
    insert();
    if (requester === 'scheduler') {
      this.deps.audit.record('scheduler', { action: 'runbooks.run', target: auditTarget.runbookRun(id), detail: { runbookId: def.id, version: v, params: publicParams(def.params, values), trigger } });
    }
    if (gated) {
      this.secrets.set(id, values);
      this.deps.events.emit('runbook.run.changed', { runId: id, runbookId: def.id, state: 'awaiting_approval', result: null, at: now });
      this.deps.events.emit('runbook.attention', { runId: id, runbookId: def.id, kind: 'approval', roles: def.approval!.roles });
    } else {
      this.launch(id, def, values, selected, actorOf(requester));
    }
    return this.deps.repo.summary(id)!;
  }

  /** A vote on a gated run: the requester never votes on their own, each person once; the last approval starts it. */
  vote(runId: string, voter: { username: string; role: Role }, decision: 'approved' | 'rejected', comment: string): RunSummary {
    const run = this.deps.repo.summary(runId);
    if (!run) throw new RunRefusal('NOT_FOUND', 'There is no such run.');
    const loaded = this.deps.library.get(run.runbookId, run.version);
    const decide = this.deps.db.transaction((): 'started' | 'rejected' | 'recorded' => {
      const now = this.deps.repo.summary(runId)!;
      if (now.state !== 'awaiting_approval' || !now.approval) throw new RunRefusal('CONFLICT', 'This run is not awaiting approval.');
      if (now.actor === voter.username) throw new RunRefusal('FORBIDDEN', 'You asked for this run; someone else must approve it.');
      if (!now.approval.roles.includes(voter.role)) throw new RunRefusal('FORBIDDEN', `Approvals for this runbook come from: ${now.approval.roles.join(', ')}.`);
      if (now.approval.votes.some((v) => v.by === voter.username)) throw new RunRefusal('CONFLICT', 'You have voted on this run already.');
      const at = this.deps.clock.now();
      this.deps.repo.addVote(runId, voter.username, decision, comment, at);
      if (decision === 'rejected') {
        this.deps.repo.setRun(runId, { state: 'done', result: 'REJECTED', endedAt: at });
        return 'rejected';
      }
      const approvals = now.approval.votes.filter((v) => v.decision === 'approved').length + 1;
      if (approvals < now.approval.needed) return 'recorded';
      if (loaded?.definition) this.refuseOverlap(loaded.definition);
      this.deps.repo.setRun(runId, { state: 'running', startedAt: at });
      return 'started';
    });
    const outcome = decide();
    const at = this.deps.clock.now();
    if (outcome === 'rejected') {
      this.secrets.delete(runId);
      this.deps.events.emit('runbook.run.changed', { runId, runbookId: run.runbookId, state: 'done', result: 'REJECTED', at });
    } else if (outcome === 'started') {
      const values = this.secrets.get(runId) ?? run.params;
      this.secrets.delete(runId);
      const def = loaded?.definition;
      const lost = def?.params.some((p) => p.type === 'string' && p.secret && values[p.name] == null && p.required);
      if (!def || lost) {
        this.deps.repo.setRun(runId, { state: 'done', result: 'FAILED', endedAt: at });
        this.deps.events.emit('runbook.run.changed', { runId, runbookId: run.runbookId, state: 'done', result: 'FAILED', at });
      } else {
        this.launch(runId, def, values, run.selectedSteps ? new Set(run.selectedSteps) : null, run.actor);
      }
    } else {
      this.deps.events.emit('runbook.run.changed', { runId, runbookId: run.runbookId, state: 'awaiting_approval', result: null, at });
    }
    return this.deps.repo.summary(runId)!;
  }

  /** Stops the current step through its signal and skips the rest; a run awaiting approval is withdrawn. */
  async cancel(runId: string): Promise<RunSummary> {
    const live = this.live.get(runId);
    if (live) {
      live.controller.abort(new Error('cancelled'));
      await this.finished.get(runId);
      return this.deps.repo.summary(runId)!;
    }
    const withdrawn = this.deps.db.transaction(() => {
      const run = this.deps.repo.summary(runId);
      if (!run) throw new RunRefusal('NOT_FOUND', 'There is no such run.');
      if (run.state !== 'awaiting_approval') throw new RunRefusal('CONFLICT', 'This run has ended already.');
      this.deps.repo.setRun(runId, { state: 'done', result: 'CANCELLED', endedAt: this.deps.clock.now() });
      return run;
    })();
    this.secrets.delete(runId);
    this.deps.events.emit('runbook.run.changed', { runId, runbookId: withdrawn.runbookId, state: 'done', result: 'CANCELLED', at: this.deps.clock.now() });
    return this.deps.repo.summary(runId)!;
  }

  /** The first answer counts; who answered is kept. */
  answer(runId: string, stepId: string, choice: string, by: { username: string; role: Role }, comment: string): RunSummary {
    const waiting = this.live.get(runId)?.waiting;
    if (!waiting || waiting.stepId !== stepId) throw new RunRefusal('CONFLICT', 'This run is not waiting on that question.');
    if (by.role !== 'admin' && !waiting.roles.includes(by.role)) throw new RunRefusal('FORBIDDEN', `This question is for: ${waiting.roles.join(', ')}.`);
    if (!waiting.choices.includes(choice)) throw new RunRefusal('INVALID_INPUT', `Answer one of: ${waiting.choices.join(', ')}.`, [{ path: ['choice'], message: `One of ${waiting.choices.join(', ')}` }]);
    if (!this.deps.repo.answer(runId, stepId, choice, by.username, comment, this.deps.clock.now())) throw new RunRefusal('CONFLICT', 'Someone answered this already.');
    waiting.settle({ choice, by: by.username });
    return this.deps.repo.summary(runId)!;
  }

  detail(runId: string, viewer: { username: string; role: Role }): RunDetail | null {
    const run = this.deps.repo.summary(runId);
    if (!run) return null;
    const def = this.deps.library.get(run.runbookId, run.version)?.definition;
    const runs = def ? mayRun(def, viewer.role) : viewer.role === 'admin';
    const decision = this.deps.repo.decision(runId);
    const waiting = this.live.get(runId)?.waiting;
    return {
      ...run,
      steps: this.deps.repo.steps(runId),
      decision,
      can: {
        cancel: runs && run.state !== 'done',
        approve: run.state === 'awaiting_approval' && run.actor !== viewer.username && (run.approval?.roles.includes(viewer.role) ?? false) && !run.approval?.votes.some((v) => v.by === viewer.username),
        answer: !!waiting && (viewer.role === 'admin' || waiting.roles.includes(viewer.role)),
        rerun: runs && run.state === 'done',
      },
    };
  }

  /** Resolves when the run ends (tests and the bench wait on it). */
  settled(runId: string): Promise<RunResult> | undefined {
    return this.finished.get(runId);
  }

  /**
   * Runs cut short by a crash or shutdown: their steps in progress are
   * interrupted, the steps they completed stay as they were.
   */
  markInterrupted(): number {
    const cut = this.deps.repo.live().filter((r) => r.state === 'running' || r.state === 'waiting_decision');
    const at = this.deps.clock.now();
    for (const run of cut) {
      this.deps.db.transaction(() => {
        for (const s of this.deps.repo.steps(run.id)) {
          if (s.state === 'running' || s.state === 'waiting_decision') this.deps.repo.setStep(run.id, s.id, { state: 'interrupted', message: 'Vigil stopped while it ran.', endedAt: at });
        }
        this.deps.repo.setRun(run.id, { state: 'done', result: 'INTERRUPTED', endedAt: at, currentStep: null });
      })();
      this.deps.audit.record('vigil', { action: 'runbooks.interrupted', target: auditTarget.runbookRun(run.id), outcome: 'INTERNAL', detail: { runbookId: run.runbookId, actor: run.actor } });
    }
    return cut.length;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const run of this.live.values()) run.controller.abort(new Shutdown('Vigil is closing'));
    await Promise.allSettled([...this.finished.values()]);
  }

  private checkRequest(def: RunbookDefinition, request: Omit<RunRequest, 'confirmations'>) {
    const { values, problems } = checkParams(def.params, request.params, (id) => this.deps.connection(id) !== null);
    const unknownSteps = (request.steps ?? []).filter((s) => !def.steps.some((d) => d.id === s));
    for (const s of unknownSteps) problems.push({ path: ['steps'], message: `This runbook has no step ${s}` });
    if (problems.length > 0) throw new RunRefusal('INVALID_INPUT', problems[0]!.message, problems);
    return { values, selected: request.steps ? new Set(request.steps) : null };
  }

  private refuseOverlap(def: RunbookDefinition): void {
    if (def.concurrent) return;
    const busy = this.deps.repo.live().some((r) => r.runbookId === def.id && (r.state === 'running' || r.state === 'waiting_decision'));
    if (busy) throw new RunRefusal('CONFLICT', `${def.name} is running already; it runs one at a time.`);
  }

  private launch(id: string, def: RunbookDefinition, params: Record<string, unknown>, selected: ReadonlySet<string> | null, actor: string): void {
    if (this.closing) return;
    const secrets = def.params.flatMap((p) => (p.type === 'string' && p.secret && typeof params[p.name] === 'string' && params[p.name] !== '' ? [params[p.name] as string] : []));
    const run: LiveRun = { id, runbookId: def.id, definition: def, params, selected, secrets, actor, controller: new AbortController(), waiting: null };
    this.live.set(id, run);
    this.deps.events.emit('runbook.run.changed', { runId: id, runbookId: def.id, state: 'running', result: null, at: this.deps.clock.now() });
    const done = this.deps.executor.execute(run).then(
      (result) => {
        if (result === 'INTERRUPTED') return result;
        const summary = this.deps.repo.summary(id)!;
        this.deps.audit.record(actor === 'scheduler' ? 'scheduler' : 'vigil', {
          action: 'runbooks.run.finished',
          target: auditTarget.runbookRun(id),
          detail: { runbookId: def.id, requestedBy: actor, result, params: summary.params, durationMs: summary.durationMs },
        });
        return result;
      },
      (err: unknown) => {
        this.deps.log.error('a runbook run failed outside its steps', { runId: id, error: err });
        const at = this.deps.clock.now();
        this.deps.repo.setRun(id, { state: 'done', result: 'FAILED', endedAt: at, currentStep: null });
        return 'FAILED' as const;
      },
    );
    this.finished.set(id, done);
    void done.finally(() => {
      this.live.delete(id);
      this.finished.delete(id);
    });
  }
}

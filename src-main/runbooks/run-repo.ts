/**
 * Runs as the database keeps them: the run, its steps with their kept
 * output lines, approval votes and decisions. Lines are bounded per step:
 * the oldest go first and are counted, so a chatty step cannot fill the disk.
 *
 * A step's progress (its state, lines, the run's current step) is written
 * in batches, one transaction at most every FLUSH_MS: every commit is an
 * fsync on the main thread (synchronous = FULL), and twenty runs writing
 * each line apart would stall it. Every read flushes first, so what is read
 * is what happened; a crash loses at most FLUSH_MS of progress, and the run
 * itself is marked INTERRUPTED at the next start all the same.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ChannelInput, Decision, RunStep, RunSummary } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import type { RunResult, RunState, RunTrigger, StepState } from '../../src-shared/runbooks';

export const MAX_LINES_PER_STEP = 300;
export const MAX_LINE_CHARS = 2_000;
const FLUSH_MS = 100;

interface RunRow {
  id: string;
  runbook_id: string;
  runbook_name: string;
  version: number;
  state: RunState;
  result: RunResult | null;
  trigger: RunTrigger;
  actor: string;
  params: string;
  selected_steps: string | null;
  rerun_of: string | null;
  approval: string | null;
  current_step: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

interface StepRow {
  step_id: string;
  name: string;
  action: string;
  critical: number;
  state: StepState;
  started_at: number | null;
  ended_at: number | null;
  message: string | null;
  outputs: string;
  lines_dropped: number;
}

interface DecisionRow {
  run_id: string;
  step_id: string;
  question: string;
  choices: string;
  roles: string;
  asked_at: number;
  answer: string | null;
  answered_by: string | null;
  answered_at: number | null;
  comment: string | null;
}

export interface NewRun {
  id: string;
  runbookId: string;
  runbookName: string;
  version: number;
  state: RunState;
  trigger: RunTrigger;
  actor: string;
  params: Record<string, unknown>;
  selectedSteps: string[] | null;
  rerunOf: string | null;
  approval: { needed: number; roles: Role[] } | null;
  createdAt: number;
  steps: Array<{ id: string; name: string; action: string; critical: boolean; state: StepState }>;
}

export type RunFilter = ChannelInput<'runs.list'>['filter'] & {};

export class RunRepo {
  private pending: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly db: Database.Database) {}

  /** Writes what is waiting, in one transaction. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const writes = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const write of writes) write();
    })();
  }

  close(): void {
    this.flush();
  }

  private later(write: () => void): void {
    this.pending.push(write);
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  insert(run: NewRun): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runbook_runs (id, runbook_id, runbook_name, version, state, trigger, actor, params, selected_steps, rerun_of, approval, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.id,
          run.runbookId,
          run.runbookName,
          run.version,
          run.state,
          run.trigger,
          run.actor,
          JSON.stringify(run.params),
          run.selectedSteps && JSON.stringify(run.selectedSteps),
          run.rerunOf,
          run.approval && JSON.stringify(run.approval),
          run.createdAt,
        );
      const step = this.db.prepare('INSERT INTO runbook_run_steps (run_id, position, step_id, name, action, critical, state) VALUES (?, ?, ?, ?, ?, ?, ?)');
      run.steps.forEach((s, i) => step.run(run.id, i, s.id, s.name, s.action, s.critical ? 1 : 0, s.state));
    })();
  }

  summary(id: string): RunSummary | null {
    this.flush();
    const row = this.db.prepare('SELECT * FROM runbook_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? this.toSummary(row) : null;
  }

  steps(runId: string): RunStep[] {
    this.flush();
    const rows = this.db.prepare('SELECT * FROM runbook_run_steps WHERE run_id = ? ORDER BY position').all(runId) as StepRow[];
    const lines = this.db.prepare('SELECT step_id, seq, at, text FROM runbook_step_lines WHERE run_id = ? ORDER BY step_id, seq').all(runId) as Array<{ step_id: string; seq: number; at: number; text: string }>;
    return rows.map((r) => ({
      id: r.step_id,
      name: r.name,
      action: r.action,
      critical: r.critical === 1,
      state: r.state,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      durationMs: r.started_at !== null && r.ended_at !== null ? r.ended_at - r.started_at : null,
      message: r.message,
      outputs: JSON.parse(r.outputs) as Record<string, unknown>,
      lines: lines.filter((l) => l.step_id === r.step_id).map(({ seq, at, text }) => ({ seq, at, text })),
      linesDropped: r.lines_dropped,
    }));
  }

  setRun(id: string, change: Partial<{ state: RunState; result: RunResult | null; startedAt: number; endedAt: number; currentStep: string | null }>): void {
    const cols: Record<string, unknown> = {
      state: change.state,
      result: change.result,
      started_at: change.startedAt,
      ended_at: change.endedAt,
      current_step: change.currentStep,
    };
    const set = Object.entries(cols).filter(([, v]) => v !== undefined);
    if (set.length === 0) return;
    const write = () => this.db.prepare(`UPDATE runbook_runs SET ${set.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...set.map(([, v]) => v), id);
    // A run's state is decided in transactions (approvals, cancels) and its end must last: those are written at once.
    if (change.state !== undefined || change.result !== undefined) {
      this.flush();
      write();
    } else {
      this.later(write);
    }
  }

  setStep(runId: string, stepId: string, change: Partial<{ state: StepState; startedAt: number; endedAt: number; message: string | null; outputs: Record<string, unknown> }>): void {
    const cols: Record<string, unknown> = {
      state: change.state,
      started_at: change.startedAt,
      ended_at: change.endedAt,
      message: change.message,
      outputs: change.outputs && JSON.stringify(change.outputs),
    };
    const set = Object.entries(cols).filter(([, v]) => v !== undefined);
    this.later(() => this.db.prepare(`UPDATE runbook_run_steps SET ${set.map(([k]) => `${k} = ?`).join(', ')} WHERE run_id = ? AND step_id = ?`).run(...set.map(([, v]) => v), runId, stepId));
  }

  /** Keeps a line, letting the oldest go past the bound. */
  addLine(runId: string, stepId: string, seq: number, at: number, text: string): void {
    this.later(() => this.writeLine(runId, stepId, seq, at, text));
  }

  private writeLine(runId: string, stepId: string, seq: number, at: number, text: string): void {
    this.db.prepare('INSERT INTO runbook_step_lines (run_id, step_id, seq, at, text) VALUES (?, ?, ?, ?, ?)').run(runId, stepId, seq, at, text.slice(0, MAX_LINE_CHARS));
    if (seq >= MAX_LINES_PER_STEP) {
      this.db.prepare('DELETE FROM runbook_step_lines WHERE run_id = ? AND step_id = ? AND seq = ?').run(runId, stepId, seq - MAX_LINES_PER_STEP);
      this.db.prepare('UPDATE runbook_run_steps SET lines_dropped = lines_dropped + 1 WHERE run_id = ? AND step_id = ?').run(runId, stepId);
    }
  }

  list(filter: RunFilter, limit: number, cursor: { createdAt: number; id: string } | null): RunSummary[] {
    this.flush();
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      if (v !== undefined) {
        where.push(sql);
        args.push(v);
      }
    };
    add('runbook_id = ?', filter.runbookId);
    add('result = ?', filter.result);
    add('state = ?', filter.state);
    add('trigger = ?', filter.trigger);
    add('actor = ?', filter.actor);
    add('created_at >= ?', filter.from);
    add('created_at < ?', filter.to);
    if (cursor) {
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      args.push(cursor.createdAt, cursor.createdAt, cursor.id);
    }
    const sql = `SELECT * FROM runbook_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, limit) as RunRow[]).map((r) => this.toSummary(r));
  }

  /** Runs not done, oldest first. */
  live(state?: RunState): RunSummary[] {
    this.flush();
    const rows = state
      ? (this.db.prepare('SELECT * FROM runbook_runs WHERE state = ? ORDER BY created_at, id').all(state) as RunRow[])
      : (this.db.prepare("SELECT * FROM runbook_runs WHERE state <> 'done' ORDER BY created_at, id").all() as RunRow[]);
    return rows.map((r) => this.toSummary(r));
  }

  lastRun(runbookId: string): RunSummary | null {
    this.flush();
    const row = this.db.prepare('SELECT * FROM runbook_runs WHERE runbook_id = ? ORDER BY created_at DESC, id DESC LIMIT 1').get(runbookId) as RunRow | undefined;
    return row ? this.toSummary(row) : null;
  }

  addVote(runId: string, voter: string, decision: 'approved' | 'rejected', comment: string, at: number): void {
    this.db.prepare('INSERT INTO runbook_approvals (run_id, voter, decision, comment, at) VALUES (?, ?, ?, ?, ?)').run(runId, voter, decision, comment, at);
  }

  ask(runId: string, stepId: string, question: string, choices: string[], roles: Role[], at: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO runbook_decisions (run_id, step_id, question, choices, roles, asked_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, stepId, question, JSON.stringify(choices), JSON.stringify(roles), at);
  }

  /** True when this answer was the first; a decision is answered once. */
  answer(runId: string, stepId: string, choice: string, by: string, comment: string, at: number): boolean {
    return (
      this.db
        .prepare('UPDATE runbook_decisions SET answer = ?, answered_by = ?, answered_at = ?, comment = ? WHERE run_id = ? AND step_id = ? AND answer IS NULL')
        .run(choice, by, at, comment, runId, stepId).changes === 1
    );
  }

  decision(runId: string): Decision | null {
    this.flush();
    const row = this.db
      .prepare(
        `SELECT d.*, r.runbook_id, r.runbook_name FROM runbook_decisions d JOIN runbook_runs r ON r.id = d.run_id
         WHERE d.run_id = ? ORDER BY d.asked_at DESC LIMIT 1`,
      )
      .get(runId) as (DecisionRow & { runbook_id: string; runbook_name: string }) | undefined;
    return row ? toDecision(row) : null;
  }

  openDecisions(): Decision[] {
    this.flush();
    const rows = this.db
      .prepare(
        `SELECT d.*, r.runbook_id, r.runbook_name FROM runbook_decisions d JOIN runbook_runs r ON r.id = d.run_id
         WHERE d.answer IS NULL AND r.state = 'waiting_decision' ORDER BY d.asked_at`,
      )
      .all() as Array<DecisionRow & { runbook_id: string; runbook_name: string }>;
    return rows.map(toDecision);
  }

  /** Deletes finished runs that ended before `before`; returns how many. */
  prune(before: number): number {
    this.flush();
    return this.db.prepare("DELETE FROM runbook_runs WHERE state = 'done' AND COALESCE(ended_at, created_at) < ?").run(before).changes;
  }

  private toSummary(r: RunRow): RunSummary {
    const approval = r.approval ? (JSON.parse(r.approval) as { needed: number; roles: Role[] }) : null;
    const votes = approval
      ? (this.db.prepare('SELECT voter, decision, comment, at FROM runbook_approvals WHERE run_id = ? ORDER BY at, voter').all(r.id) as Array<{ voter: string; decision: 'approved' | 'rejected'; comment: string; at: number }>).map((v) => ({
          by: v.voter,
          decision: v.decision,
          comment: v.comment,
          at: v.at,
        }))
      : [];
    return {
      id: r.id,
      runbookId: r.runbook_id,
      runbookName: r.runbook_name,
      version: r.version,
      state: r.state,
      result: r.result,
      trigger: r.trigger,
      actor: r.actor,
      params: JSON.parse(r.params) as Record<string, unknown>,
      selectedSteps: r.selected_steps ? (JSON.parse(r.selected_steps) as string[]) : null,
      rerunOf: r.rerun_of,
      createdAt: r.created_at,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      durationMs: r.started_at !== null && r.ended_at !== null ? r.ended_at - r.started_at : null,
      approval: approval && { ...approval, votes },
      currentStep: r.current_step,
    };
  }
}

function toDecision(r: DecisionRow & { runbook_id: string; runbook_name: string }): Decision {
  return {
    runId: r.run_id,
    runbookId: r.runbook_id,
    runbookName: r.runbook_name,
    stepId: r.step_id,
    question: r.question,
    choices: JSON.parse(r.choices) as string[],
    roles: JSON.parse(r.roles) as Role[],
    askedAt: r.asked_at,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredAt: r.answered_at,
    comment: r.comment,
  };
}

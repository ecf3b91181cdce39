/**
 * The executor on a real encrypted store with fake actions and hand-moved
 * timers: results (critical vs warning), on_error, timeouts, cancel
 * mid-step, runs interrupted by a shutdown, a dry run that changes no byte,
 * selected steps, decisions, approvals, schedules with their missed-run
 * policy, and one run at a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { manualTimers, type ManualTimers } from '../../../src-main/monitor/timers';
import { action, StepFailure, type ActionDef } from '../../../src-main/runbooks';
import type { RunDetail } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

/** Gates the tests open by hand: `fake_gate` with key K waits until gates.open(K). */
const gates = new Map<string, () => void>();
const started: string[] = [];

const fakes: ActionDef[] = [
  action({
    name: 'fake_ok',
    summary: 'succeeds',
    inputs: z.object({ value: z.unknown().optional(), lines: z.number().int().default(1) }).strict(),
    describe: (i) => `succeed with ${JSON.stringify(i.value)}`,
    defaultTimeoutMs: 60_000,
    run: async ({ inputs, log }) => {
      for (let n = 1; n <= inputs.lines; n++) log(`line ${n}`);
      return { value: inputs.value ?? null };
    },
  }),
  action({
    name: 'fake_fail',
    summary: 'fails',
    inputs: z.object({}).strict(),
    describe: () => 'fail',
    defaultTimeoutMs: 60_000,
    run: async () => {
      throw new StepFailure('it broke', { found: 3 });
    },
  }),
  action({
    name: 'fake_gate',
    summary: 'waits for the test (ignores its signal on purpose)',
    inputs: z.object({ key: z.string() }).strict(),
    describe: (i) => `wait for ${i.key}`,
    defaultTimeoutMs: 60_000,
    run: ({ inputs }) => {
      started.push(inputs.key);
      return new Promise((done) => gates.set(inputs.key, () => done({ opened: inputs.key })));
    },
  }),
];

let timers: ManualTimers;
let vigil: TestVigil;
let admin: string;
let shipped: string;

beforeEach(async () => {
  timers = manualTimers(Date.UTC(2026, 0, 1, 0, 0));
  shipped = mkdtempSync(join(tmpdir(), 'vigil-runbooks-'));
  vigil = await startTestVigil({ clock: timers, idleTimeoutMs: 7 * 86_400_000, sessionLifetimeMs: 30 * 86_400_000, runbooks: { timers, shippedDir: shipped, extraActions: fakes } });
  admin = await vigil.adminToken();
  gates.clear();
  started.length = 0;
});

afterEach(async () => {
  await vigil?.close();
  rmSync(shipped, { recursive: true, force: true });
});

const book = (id: string, steps: string, extra = '') => `id: ${id}\nname: ${id}\nroles: [admin, operator]\n${extra}steps:\n${steps}`;
const save = (yaml: string) => vigil.ok('runbooks.save', { yaml, baseVersion: null }, admin);
const run = (id: string, more: Partial<{ params: Record<string, unknown>; steps: string[]; confirmations: Array<{ stepId: string; typedName?: string }> }> = {}, token = admin) =>
  vigil.ok('runbooks.run', { id, ...more }, token);
const get = async (id: string, token = admin) => (await vigil.ok('runs.get', { id }, token)).run;
/** Lets the executor's promise callbacks run. */
const settle = () => timers.advance(0);
const states = (r: RunDetail) => Object.fromEntries(r.steps.map((s) => [s.id, s.state]));

describe('results', () => {
  it('is SUCCESS when every step succeeds, with each step’s lines, outputs and duration kept', async () => {
    await save(book('ok', '  - { id: a, name: A, action: fake_ok, with: { value: 7, lines: 3 } }\n  - { id: b, name: B, action: fake_ok, with: { value: "${steps.a.outputs.value}" } }\n'));
    const events: string[] = [];
    const off = vigil.events.subscribe(({ event, payload }) => event === 'runbook.step' && events.push(`${(payload as { stepId: string }).stepId}:${(payload as { kind: string }).kind}`));
    const { run: r } = await run('ok');
    await settle();
    off();
    const done = await get(r.id);
    expect(done.result).toBe('SUCCESS');
    expect(done.steps[0]!.lines.map((l) => l.text)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(done.steps[1]!.outputs).toEqual({ value: 7 });
    expect(done.steps.every((s) => s.durationMs === 0)).toBe(true);
    expect(events).toEqual(['a:start', 'a:output', 'a:output', 'a:output', 'a:result', 'b:start', 'b:output', 'b:result']);
  });

  it('keeps the newest lines of a chatty step and counts the ones let go', async () => {
    await save(book('chatty', '  - { id: a, name: A, action: fake_ok, with: { lines: 310 } }\n'));
    const { run: r } = await run('chatty');
    await settle();
    const [step] = (await get(r.id)).steps;
    expect(step!.lines).toHaveLength(300);
    expect(step!.lines[0]!.text).toBe('line 11');
    expect(step!.linesDropped).toBe(10);
  });

  it('is PARTIAL_SUCCESS when a warning step fails, and goes on after it', async () => {
    await save(book('warn', '  - { id: a, name: A, action: fake_fail, critical: false }\n  - { id: b, name: B, action: fake_ok }\n'));
    const { run: r } = await run('warn');
    await settle();
    const done = await get(r.id);
    expect(done.result).toBe('PARTIAL_SUCCESS');
    expect(states(done)).toEqual({ a: 'failed', b: 'succeeded' });
    expect(done.steps[0]).toMatchObject({ message: 'it broke', outputs: { found: 3 } });
  });

  it('is FAILED when a critical step fails, which stops the run; on_error continue goes on', async () => {
    await save(book('stop', '  - { id: a, name: A, action: fake_fail }\n  - { id: b, name: B, action: fake_ok }\n'));
    await save(book('cont', '  - { id: a, name: A, action: fake_fail, on_error: continue }\n  - { id: b, name: B, action: fake_ok }\n  - { id: c, name: C, action: fake_ok, when: "${run.failed}" }\n'));
    const stop = (await run('stop')).run;
    const cont = (await run('cont')).run;
    await settle();
    expect((await get(stop.id)).result).toBe('FAILED');
    expect(states(await get(stop.id))).toEqual({ a: 'failed', b: 'skipped' });
    expect((await get(cont.id)).result).toBe('FAILED');
    expect(states(await get(cont.id))).toEqual({ a: 'failed', b: 'succeeded', c: 'succeeded' });
  });

  it('is TIMED_OUT when a critical step outlives its timeout (even one that ignores its signal)', async () => {
    await save(book('slow', '  - { id: a, name: A, action: fake_gate, with: { key: slow }, timeout: 30s }\n  - { id: b, name: B, action: fake_ok }\n'));
    const { run: r } = await run('slow');
    await timers.advance(29_000);
    expect((await get(r.id)).state).toBe('running');
    await timers.advance(1_000);
    const done = await get(r.id);
    expect(done.result).toBe('TIMED_OUT');
    expect(states(done)).toEqual({ a: 'timed_out', b: 'skipped' });
    expect(done.steps[0]!.durationMs).toBe(30_000);
  });
});

describe('cancel, shutdown and dry run', () => {
  it('cancels mid-step: the step stops through its signal and the rest are skipped', async () => {
    await save(book('long', '  - { id: a, name: A, action: fake_ok }\n  - { id: b, name: B, action: fake_gate, with: { key: long } }\n  - { id: c, name: C, action: fake_ok }\n'));
    const { run: r } = await run('long');
    await settle();
    expect(started).toEqual(['long']);
    const { run: cancelled } = await vigil.ok('runs.cancel', { id: r.id }, admin);
    expect(cancelled.result).toBe('CANCELLED');
    expect(states(cancelled)).toEqual({ a: 'succeeded', b: 'cancelled', c: 'skipped' });
  });

  it('marks a run cut short by a shutdown INTERRUPTED at the next start, keeping the steps it completed', async () => {
    await save(book('cut', '  - { id: a, name: A, action: fake_ok }\n  - { id: b, name: B, action: fake_gate, with: { key: cut } }\n  - { id: c, name: C, action: fake_ok }\n'));
    const { run: r } = await run('cut');
    await settle();
    vigil = await vigil.restart();
    admin = await vigil.adminToken();
    const after = await get(r.id);
    expect(after.result).toBe('INTERRUPTED');
    expect(states(after)).toEqual({ a: 'succeeded', b: 'interrupted', c: 'pending' });
  });

  it('dry-runs the resolved plan without changing a byte of the database', async () => {
    await save(book('plan', '  - { id: a, name: A, action: fake_ok, with: { value: "${params.who}" } }\n  - { id: b, name: B, action: fake_ok, with: { value: "${steps.a.outputs.value}" } }\n', 'params:\n  - { name: who, type: string, required: true }\n  - { name: pin, type: string, secret: true }\n'));
    await settle();
    const bytes = () => ['vigil.db', 'vigil.db-wal'].map((f) => readFileSync(join(vigil.dataDir, f)).toString('base64')).join('|');
    const before = bytes();
    const { plan } = await vigil.ok('runbooks.dryRun', { id: 'plan', params: { who: 'Ada', pin: '1234' }, steps: ['b'] }, admin);
    expect(bytes()).toBe(before);
    expect(plan.params).toEqual({ who: 'Ada', pin: '••••' });
    expect(plan.steps.map((s) => [s.id, s.selected, s.inputs])).toEqual([
      ['a', false, { value: 'Ada' }],
      ['b', true, { value: '${steps.a.outputs.value}' }],
    ]);
    expect((await vigil.ok('runs.list', {}, admin)).runs).toEqual([]);
  });

  it('runs only the selected steps, and re-runs with the same parameters and steps', async () => {
    await save(book('pick', '  - { id: a, name: A, action: fake_ok, with: { value: "${params.n}" } }\n  - { id: b, name: B, action: fake_ok }\n', 'params:\n  - { name: n, type: number, required: true }\n'));
    const { run: r } = await run('pick', { params: { n: 5 }, steps: ['a'] });
    await settle();
    expect(states(await get(r.id))).toEqual({ a: 'succeeded', b: 'skipped' });
    const { run: again } = await vigil.ok('runs.rerun', { id: r.id }, admin);
    await settle();
    const rerun = await get(again.id);
    expect(rerun).toMatchObject({ rerunOf: r.id, trigger: 'rerun', params: { n: 5 }, selectedSteps: ['a'], result: 'SUCCESS' });
    expect(rerun.steps[0]!.outputs).toEqual({ value: 5 });
  });

  it('keeps secret parameters out of history and the audit trail; a re-run asks for them again', async () => {
    await save(book('secret', '  - { id: a, name: A, action: fake_ok, with: { value: "${params.pin}" } }\n', 'params:\n  - { name: pin, type: string, secret: true, required: true }\n'));
    const { run: r } = await run('secret', { params: { pin: 'hunter2-pin' } });
    await settle();
    expect((await get(r.id)).params).toEqual({ pin: null });
    expect((await get(r.id)).steps[0]!.outputs).toEqual({ value: '••••' });
    const trail = vigil.store.db.prepare('SELECT detail FROM audit_log').pluck().all() as Array<string | null>;
    expect(trail.some((d) => d?.includes('hunter2-pin'))).toBe(false);
    const again = await vigil.call('runs.rerun', { id: r.id }, admin);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.details).toEqual([{ path: ['params', 'pin'], message: 'Enter pin' }]);
    expect((await vigil.call('runs.rerun', { id: r.id, params: { pin: 'again' } }, admin)).ok).toBe(true);
  });

  it('prunes finished runs older than the retention', async () => {
    await save(book('old', '  - { id: a, name: A, action: fake_ok }\n'));
    const { run: first } = await run('old');
    await timers.advance(3 * 86_400_000);
    const { run: second } = await run('old');
    await settle();
    expect(await vigil.ok('runbooks.retention.get', {}, admin)).toEqual({ days: 180 });
    expect(await vigil.ok('runbooks.retention.set', { days: 2 }, admin)).toEqual({ days: 2, pruned: 1 });
    expect((await vigil.ok('runs.list', {}, admin)).runs.map((x) => x.id)).toEqual([second.id]);
    expect((await vigil.call('runs.get', { id: first.id }, admin)).ok).toBe(false);
  });

  it('refuses parameters that do not fit, next to their field', async () => {
    await save(book('typed', '  - { id: a, name: A, action: fake_ok }\n', 'params:\n  - { name: n, type: number, required: true, max: 3 }\n'));
    const reply = await vigil.call('runbooks.run', { id: 'typed', params: { n: 9 } }, admin);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatchObject({ code: 'INVALID_INPUT', details: [{ path: ['params', 'n'], message: 'At most 3' }] });
  });
});

describe('people in the loop', () => {
  it('waits for a decision, continues with the answer, and records who answered', async () => {
    await save(book('ask', '  - id: q\n    name: Q\n    action: wait_decision\n    with: { question: "Close it?", choices: [yes, no], roles: [operator] }\n  - { id: b, name: B, action: fake_ok, with: { value: "${steps.q.outputs.choice}" } }\n'));
    const op = await vigil.userToken('olly', 'operator');
    const { run: r } = await run('ask');
    await settle();
    expect((await get(r.id)).state).toBe('waiting_decision');
    const { decisions } = await vigil.ok('decisions.list', {}, op);
    expect(decisions).toMatchObject([{ runId: r.id, stepId: 'q', question: 'Close it?', choices: ['yes', 'no'] }]);
    const wrong = await vigil.call('decisions.answer', { runId: r.id, stepId: 'q', choice: 'maybe' }, op);
    expect(wrong.ok).toBe(false);
    await vigil.ok('decisions.answer', { runId: r.id, stepId: 'q', choice: 'yes', comment: 'all clear' }, op);
    await settle();
    const done = await get(r.id);
    expect(done.result).toBe('SUCCESS');
    expect(done.steps[1]!.outputs).toEqual({ value: 'yes' });
    expect(done.decision).toMatchObject({ answer: 'yes', answeredBy: 'olly', comment: 'all clear' });
  });

  it('keeps a gated run waiting; the requester cannot approve it; it starts on the second of two approvals, decided once under parallel calls', async () => {
    await save(book('gated', '  - { id: a, name: A, action: fake_ok }\n', 'approval:\n  count: 2\n  roles: [admin, safety_officer]\n'));
    const [s1, s2, s3] = await Promise.all(['sam', 'sue', 'sid'].map((u) => vigil.userToken(u, 'safety_officer')));
    const op = await vigil.userToken('olly', 'operator');
    const { run: r } = await run('gated', {}, op);
    expect(r.state).toBe('awaiting_approval');

    const own = await vigil.call('approvals.approve', { runId: r.id, comment: 'mine' }, admin);
    expect(own.ok).toBe(true);
    const byRequester = await vigil.call('approvals.approve', { runId: r.id, comment: 'me' }, op);
    expect(byRequester.ok).toBe(false);
    if (!byRequester.ok) expect(byRequester.error.code).toBe('FORBIDDEN');
    expect((await get(r.id)).state).toBe('awaiting_approval');

    const replies = await Promise.all([s1, s2, s3].map((t) => vigil.call('approvals.approve', { runId: r.id, comment: 'ok' }, t)));
    expect(replies.filter((x) => x.ok)).toHaveLength(1);
    expect(replies.filter((x) => !x.ok).map((x) => !x.ok && x.error.code)).toEqual(['CONFLICT', 'CONFLICT']);
    await settle();
    const done = await get(r.id);
    expect(done.result).toBe('SUCCESS');
    expect(done.approval?.votes.map((v) => v.by)).toHaveLength(2);
    expect((await vigil.ok('runs.list', { filter: { runbookId: 'gated' } }, admin)).runs).toHaveLength(1);
  });

  it('ends a rejected run REJECTED with the comment', async () => {
    await save(book('nope', '  - { id: a, name: A, action: fake_ok }\n', 'approval:\n  count: 1\n  roles: [admin]\n'));
    const op = await vigil.userToken('olly', 'operator');
    const { run: r } = await run('nope', {}, op);
    expect((await vigil.ok('approvals.list', {}, admin)).runs.map((x) => x.id)).toEqual([r.id]);
    await vigil.ok('approvals.reject', { runId: r.id, comment: 'not today' }, admin);
    const done = await get(r.id);
    expect(done).toMatchObject({ result: 'REJECTED', approval: { votes: [{ by: 'admin', decision: 'rejected', comment: 'not today' }] } });
  });
});

describe('one at a time and schedules', () => {
  it('refuses a second run of a runbook while one runs, unless it allows more', async () => {
    await save(book('single', '  - { id: a, name: A, action: fake_gate, with: { key: single } }\n'));
    await save(book('many', '  - { id: a, name: A, action: fake_gate, with: { key: many } }\n', 'concurrent: true\n'));
    await run('single');
    const second = await vigil.call('runbooks.run', { id: 'single' }, admin);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('CONFLICT');
    await run('many');
    expect((await vigil.call('runbooks.run', { id: 'many' }, admin)).ok).toBe(true);
  });

  it('runs a schedule at its time as the scheduler, and after a sleep runs once or skips as its policy says', async () => {
    const steps = '  - { id: a, name: A, action: fake_ok }\n';
    await save(book('once', steps, 'schedule:\n  cron: "0 6 * * *"\n  missed: run_once\n'));
    await save(book('skip', steps, 'schedule:\n  cron: "0 6 * * *"\n  missed: skip\n'));
    const runsOf = async (id: string) => (await vigil.ok('runs.list', { filter: { runbookId: id } }, admin)).runs;

    expect((await vigil.ok('runbooks.list', {}, admin)).runbooks.find((b) => b.id === 'once')?.nextRunAt).toBe(Date.UTC(2026, 0, 1, 6));
    await timers.advance(6 * 3_600_000);
    expect(await runsOf('once')).toMatchObject([{ actor: 'scheduler', trigger: 'schedule', result: 'SUCCESS' }]);
    expect(await runsOf('skip')).toHaveLength(1);

    // Asleep through three mornings, waking at nine.
    await timers.sleep(3 * 86_400_000 + 3 * 3_600_000);
    await settle();
    expect(await runsOf('once')).toHaveLength(2);
    expect(await runsOf('skip')).toHaveLength(1);
    const audit = vigil.store.db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'runbooks.%' ORDER BY seq").all() as Array<{ actor: string; action: string }>;
    expect(audit).toContainEqual({ actor: 'scheduler', action: 'runbooks.schedule.skipped' });
    expect(audit.filter((a) => a.action === 'runbooks.run' && a.actor === 'scheduler')).toHaveLength(3);
  });
});

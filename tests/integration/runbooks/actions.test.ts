/**
 * The built-in actions against real parts: the shipped daily health check
 * and emergency response on a real store, keychain and the embedded sandbox
 * EHR; an encrypted backup that restores; exec only for what an admin
 * allowed, with hostile values handed over as plain arguments; who sees
 * and runs what; a typed name for production connections.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, restoreBackup } from '../../../src-main/store';
import type { RunDetail } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

let vigil: TestVigil;
let admin: string;
let operator: string;
const temp: string[] = [];

beforeAll(async () => {
  vigil = await startTestVigil({ sandbox: true });
  admin = await vigil.adminToken();
  operator = await vigil.userToken('olly', 'operator');
}, 60_000);

afterAll(async () => {
  await vigil?.close();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the run once it has ended (real actions take real time). */
async function finished(runId: string, token = admin): Promise<RunDetail> {
  const done = new Promise<void>((resolve) => {
    const off = vigil.events.subscribe(({ event, payload }) => {
      const p = payload as { runId?: string; state?: string };
      if (event === 'runbook.run.changed' && p.runId === runId && p.state === 'done') {
        off();
        resolve();
      }
    });
  });
  const now = (await vigil.ok('runs.get', { id: runId }, token)).run;
  if (now.state !== 'done') await done;
  return (await vigil.ok('runs.get', { id: runId }, token)).run;
}

const states = (r: RunDetail) => Object.fromEntries(r.steps.map((s) => [s.id, s.state]));
const save = (yaml: string) => vigil.ok('runbooks.save', { yaml, baseVersion: null }, admin);

describe('the daily health check against the sandbox', () => {
  it('probes, checks and verifies; a report ticket only when something failed', async () => {
    const steps: string[] = [];
    const off = vigil.events.subscribe(({ event, payload }) => event === 'runbook.step' && steps.push(`${(payload as { stepId: string }).stepId}:${(payload as { kind: string }).kind}`));
    const { run } = await vigil.ok('runbooks.run', { id: 'daily-health-check' }, operator);
    const done = await finished(run.id);
    off();
    expect(done.actor).toBe('olly');
    expect(states(done)).toMatchObject({ connections: 'succeeded', certificates: 'succeeded', store: 'succeeded', audit: 'succeeded' });
    expect(done.steps.find((s) => s.id === 'connections')!.lines.map((l) => l.text)).toEqual(['Sandbox EHR: pass']);
    expect(done.steps.map((s) => s.id)).toEqual(['connections', 'certificates', 'workstation', 'safety', 'sign_ins', 'store', 'audit', 'report']);
    expect(states(done).sign_ins).toBe('succeeded');
    // Six indicators and the overall score, whatever they read.
    expect(done.steps.find((s) => s.id === 'safety')!.lines).toHaveLength(7);
    // The workstation is this machine, and a fresh Vigil's compliance may read critical once its audit walk is in:
    // the report follows whatever they measured.
    const checksFailed = done.steps.some((s) => (s.id === 'workstation' || s.id === 'safety') && s.state === 'failed');
    expect(done.result).toBe(checksFailed ? 'PARTIAL_SUCCESS' : 'SUCCESS');
    expect(states(done).report).toBe(checksFailed ? 'succeeded' : 'skipped');
    expect(steps.filter((s) => s.startsWith('store:'))).toEqual(['store:start', 'store:output', 'store:result']);
  }, 60_000);

  it('opens a report ticket when the sandbox is down (a drill set through the sandbox action)', async () => {
    await save(`id: drill-down\nname: Drill down\nroles: [admin]\nsteps:\n  - id: down\n    name: Take the sandbox down\n    action: sandbox_fault\n    with: { change: { faults: { down: true } } }\n`);
    expect((await finished((await vigil.ok('runbooks.run', { id: 'drill-down' }, admin)).run.id)).result).toBe('SUCCESS');
    try {
      const done = await finished((await vigil.ok('runbooks.run', { id: 'daily-health-check' }, admin)).run.id);
      expect(done.result).toBe('PARTIAL_SUCCESS');
      expect(states(done)).toMatchObject({ connections: 'failed', report: 'succeeded' });
      const number = done.steps.find((s) => s.id === 'report')!.outputs.ticketNumber;
      const { tickets } = await vigil.ok('tickets.list', { filter: { status: 'all' } }, admin);
      const ticket = tickets.find((t) => t.number === number);
      expect(ticket).toMatchObject({ title: 'The daily health check found problems', priority: 'high' });
    } finally {
      await vigil.ok('sandbox.set', { faults: { down: false } }, admin);
    }
  }, 90_000);
});

describe('the emergency response', () => {
  it('needs its confirmation, declares an Emergency ticket with a window and notification, and waits for the lead to close', async () => {
    const { connections } = await vigil.ok('connections.list', {}, admin);
    const sandbox = connections.find((c) => c.sandbox)!;
    const params = { severity: 'SEV1', title: 'Sandbox EHR unreachable', connection: sandbox.id, maintenance: '2h' };
    const unconfirmed = await vigil.call('runbooks.run', { id: 'emergency-response', params }, operator);
    expect(unconfirmed.ok).toBe(false);
    if (!unconfirmed.ok) expect(unconfirmed.error.details).toEqual([{ path: ['confirmations', 'declare'], message: expect.stringContaining('Confirm') }]);

    const { run } = await vigil.ok('runbooks.run', { id: 'emergency-response', params, confirmations: [{ stepId: 'declare' }] }, operator);
    await new Promise<void>((resolve) => {
      const off = vigil.events.subscribe(({ event, payload }) => {
        if (event === 'runbook.attention' && (payload as { runId: string }).runId === run.id) {
          off();
          resolve();
        }
      });
    });
    const waiting = (await vigil.ok('runs.get', { id: run.id }, admin)).run;
    const { ticketNumber, maintenanceId } = waiting.steps[0]!.outputs as { ticketNumber: number; maintenanceId: string };
    const { tickets } = await vigil.ok('tickets.list', { filter: { status: 'all' } }, admin);
    expect(tickets.find((t) => t.number === ticketNumber)).toMatchObject({ priority: 'emergency', title: 'Sandbox EHR unreachable' });
    expect((await vigil.ok('maintenance.list', {}, admin)).windows.map((w) => w.window.id)).toContain(maintenanceId);
    expect(waiting.decision).toMatchObject({ question: `Incident VIG-${ticketNumber}: is it resolved?` });

    await vigil.ok('decisions.answer', { runId: run.id, stepId: 'close', choice: 'Resolved' }, admin);
    const done = await finished(run.id);
    // The indicators are assessed whatever they read; a critical one (a fresh Vigil's compliance may be) makes the run partial.
    const safety = done.steps.find((s) => s.id === 'patient_safety')!;
    expect(safety.lines).toHaveLength(7);
    expect(done.result).toBe(safety.state === 'failed' ? 'PARTIAL_SUCCESS' : 'SUCCESS');
    expect(states(done).end_window).toBe('succeeded');
    expect((await vigil.ok('maintenance.list', {}, admin)).windows.map((w) => w.window.id)).not.toContain(maintenanceId);
  }, 60_000);
});

describe('a backup that restores', () => {
  it('writes encrypted backups, keeps the newest N, and the newest restores into a fresh folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vigil-backups-'));
    temp.push(folder);
    await save(`id: backup-two\nname: Backup keeping two\nroles: [admin]\nsteps:\n  - id: backup\n    name: Backup\n    action: backup_store\n    with: { keep: 2, folder: "${folder}" }\n`);
    const written: string[] = [];
    for (let i = 0; i < 3; i++) {
      const done = await finished((await vigil.ok('runbooks.run', { id: 'backup-two' }, admin)).run.id);
      expect(done.result).toBe('SUCCESS');
      written.push(done.steps[0]!.outputs.file as string);
    }
    const files = readdirSync(folder).sort();
    expect(files.map((f) => join(folder, f))).toEqual(written.slice(1));

    const target = mkdtempSync(join(tmpdir(), 'vigil-restored-'));
    temp.push(target);
    await restoreBackup({ backupFile: join(folder, files.at(-1)!), dataDir: target, secrets: vigil.secrets });
    const restored = await openStore({ dataDir: target, secrets: vigil.secrets });
    try {
      const ids = restored.db.prepare('SELECT DISTINCT runbook_id FROM runbook_versions').pluck().all();
      expect(ids).toEqual(expect.arrayContaining(['backup-two', 'daily-health-check']));
      expect(restored.db.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      restored.close();
    }
  }, 90_000);
});

describe('exec', () => {
  const canary = join(tmpdir(), `vigil-exec-canary-${process.pid}`);
  const hostile = { a: '; rm -rf /', b: `$(touch ${canary})`, c: 'one\ntwo' };

  it('refuses what is not on the allow-list, and a relative path on it', async () => {
    await save(`id: exec-nope\nname: Exec nope\nroles: [admin]\nsteps:\n  - id: run\n    name: Run\n    action: exec\n    with: { command: printer }\n`);
    const done = await finished((await vigil.ok('runbooks.run', { id: 'exec-nope' }, admin)).run.id);
    expect(done.result).toBe('FAILED');
    expect(done.steps[0]!.message).toMatch(/printer is not on the exec allow-list/);
    const relative = await vigil.call('runbooks.exec.set', { entries: [{ name: 'printer', path: 'printf', args: [], note: 'relative' }] }, admin);
    expect(relative.ok).toBe(false);
    const byOperator = await vigil.call('runbooks.exec.get', {}, operator);
    expect(byOperator.ok).toBe(false);
  }, 60_000);

  it('stops a program that outlives its allow-list timeout', async () => {
    await vigil.ok('runbooks.exec.set', { entries: [{ name: 'sleeper', path: '/usr/bin/sleep', args: ['{seconds}'], timeoutMs: 200, note: 'sleeps' }] }, admin);
    await save(`id: exec-sleep\nname: Exec sleep\nroles: [admin]\nsteps:\n  - id: run\n    name: Run\n    action: exec\n    with: { command: sleeper, args: { seconds: 30 } }\n`);
    const done = await finished((await vigil.ok('runbooks.run', { id: 'exec-sleep' }, admin)).run.id);
    expect(done.result).toBe('FAILED');
    expect(done.steps[0]!.message).toMatch(/was stopped \(SIGTERM\)/);
    expect(done.steps[0]!.durationMs).toBeLessThan(30_000);
  }, 60_000);

  it('passes hostile values as plain arguments, one each, without a shell', async () => {
    await vigil.ok('runbooks.exec.set', { entries: [{ name: 'printer', path: '/usr/bin/printf', args: ['[%s]\\n', '{a}', '{b}', '{c}'], timeoutMs: 5_000, note: 'echo back' }] }, admin);
    await save(
      `id: exec-hostile\nname: Exec hostile\nroles: [admin]\nparams:\n  - { name: a, type: string }\n  - { name: b, type: string }\n  - { name: c, type: string }\nsteps:\n  - id: run\n    name: Run\n    action: exec\n    with: { command: printer, args: { a: "\${params.a}", b: "\${params.b}", c: "\${params.c}" } }\n`,
    );
    const done = await finished((await vigil.ok('runbooks.run', { id: 'exec-hostile', params: hostile }, admin)).run.id);
    expect(done.result).toBe('SUCCESS');
    expect(done.steps[0]!.lines.map((l) => l.text)).toEqual(['[; rm -rf /]', `[$(touch ${canary})]`, '[one', 'two]']);
    expect(done.steps[0]!.outputs).toMatchObject({ exitCode: 0 });
    expect(existsSync(canary)).toBe(false);
  }, 60_000);
});

describe('who sees and runs what', () => {
  it('hides admin-only runbooks from an operator and refuses them on the channel', async () => {
    const { runbooks } = await vigil.ok('runbooks.list', {}, operator);
    expect(runbooks.map((b) => b.id)).toContain('daily-health-check');
    expect(runbooks.map((b) => b.id)).not.toContain('weekly-maintenance');
    const refused = await vigil.call('runbooks.run', { id: 'weekly-maintenance' }, operator);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('FORBIDDEN');
    expect((await vigil.call('runbooks.get', { id: 'weekly-maintenance' }, operator)).ok).toBe(false);
  });

  it('asks for the typed name of a production connection before a confirmed step against it', async () => {
    const { connections } = await vigil.ok('connections.list', {}, admin);
    const sandbox = connections.find((c) => c.sandbox)!;
    await vigil.ok('connections.update', { id: sandbox.id, config: { ...sandbox.config, tags: ['production'] } }, admin);
    try {
      await save(`id: prod-probe\nname: Probe production\nroles: [admin]\nparams:\n  - { name: target, type: connection, required: true }\nsteps:\n  - id: probe\n    name: Probe\n    action: probe_connections\n    confirm: true\n    with: { connections: "\${params.target}" }\n`);
      const { plan } = await vigil.ok('runbooks.dryRun', { id: 'prod-probe', params: { target: sandbox.id } }, admin);
      expect(plan.steps[0]!.confirm).toEqual({ message: 'Confirm: Probe', typeName: 'Sandbox EHR' });
      const untyped = await vigil.call('runbooks.run', { id: 'prod-probe', params: { target: sandbox.id }, confirmations: [{ stepId: 'probe', typedName: 'sandbox' }] }, admin);
      expect(untyped.ok).toBe(false);
      if (!untyped.ok) expect(untyped.error.message).toMatch(/Type Sandbox EHR/);
      const { run } = await vigil.ok('runbooks.run', { id: 'prod-probe', params: { target: sandbox.id }, confirmations: [{ stepId: 'probe', typedName: 'Sandbox EHR' }] }, admin);
      expect((await finished(run.id)).result).toBe('SUCCESS');
    } finally {
      await vigil.ok('connections.update', { id: sandbox.id, config: { ...sandbox.config, tags: [] } }, admin);
    }
  }, 60_000);

  it('audits runs with who, parameters and result', async () => {
    const rows = vigil.store.db.prepare("SELECT actor, action, detail FROM audit_log WHERE action IN ('runbooks.run', 'runbooks.run.finished') ORDER BY seq").all() as Array<{ actor: string; action: string; detail: string }>;
    expect(rows.some((r) => r.action === 'runbooks.run' && r.actor === 'olly')).toBe(true);
    const finishedRow = rows.find((r) => r.action === 'runbooks.run.finished' && r.detail.includes('"requestedBy":"olly"'));
    expect(JSON.parse(finishedRow!.detail)).toMatchObject({ runbookId: 'daily-health-check', result: expect.any(String) });
  });
});

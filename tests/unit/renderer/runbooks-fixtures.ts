/** Runbooks, plans and runs as main sends them, and a console serving them, for the Runbooks screen tests. */
import type { RunbookSummary, RunDetail, RunPlan, RunStep, UserSummary } from '../../../src-shared/contract';
import { resetRunbooksView } from '../../../src-renderer/screens/runbooks/view-store';
import { connection } from './connection-fixtures';
import { MINUTE, NOW, ok, signedInAs, type FakeVigil, type Handlers } from './harness';

export function runbook(overrides: Partial<RunbookSummary> = {}): RunbookSummary {
  return {
    id: 'daily-health-check',
    name: 'Daily health check',
    description: 'Every connection probed, certificates, resources, store and audit chain.',
    source: 'shipped',
    fileName: 'daily-health-check.yaml',
    version: 1,
    valid: true,
    error: null,
    roles: ['admin', 'operator'],
    mayRun: true,
    concurrent: false,
    params: [],
    steps: [
      { id: 'probe', name: 'Probe every connection', action: 'probe_connections', critical: true, confirm: false },
      { id: 'audit', name: 'Verify the audit chain', action: 'verify_audit', critical: false, confirm: false },
    ],
    schedule: { cron: '0 6 * * *', timezone: 'UTC', missed: 'run_once' },
    nextRunAt: NOW + 60 * MINUTE,
    approval: null,
    lastRun: null,
    ...overrides,
  };
}

/** A runbook with one parameter of each kind, and a production step that asks for its connection's name. */
export const EMERGENCY = runbook({
  id: 'emergency-response',
  name: 'Emergency response',
  description: 'Declare the incident and assess.',
  roles: ['admin'],
  schedule: null,
  nextRunAt: null,
  params: [
    { name: 'severity', type: 'one-of', values: ['SEV1', 'SEV2', 'SEV3'], required: true, help: 'How bad it is' },
    { name: 'summary', type: 'string', required: true, secret: false, label: 'Summary' },
    { name: 'affected', type: 'connection', required: true, allow_all: true, help: 'The connection at fault' },
    { name: 'window', type: 'duration', required: false, default: '30m', label: 'Maintenance window' },
    { name: 'users_affected', type: 'number', required: false, min: 0, max: 100000, label: 'Users affected' },
    { name: 'notify', type: 'boolean', required: false, default: true, label: 'Notify the routes' },
  ],
  steps: [
    { id: 'declare', name: 'Declare the incident', action: 'declare_incident', critical: true, confirm: false },
    { id: 'restart', name: 'Restart the interface', action: 'exec', critical: true, confirm: true },
  ],
});

export const CONNECTIONS = [connection(1, { name: 'Epic Production' }), connection(2, { name: 'Cerner Test' })];

export function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    runbookId: EMERGENCY.id,
    version: 1,
    params: { severity: 'SEV1', summary: 'Epic down', affected: 1, window: '30m', notify: true },
    steps: [
      {
        id: 'declare',
        name: 'Declare the incident',
        action: 'declare_incident',
        inputs: { priority: 'Emergency', title: 'SEV1: Epic down' },
        describe: 'Opens an Emergency ticket “SEV1: Epic down” and a 30 min maintenance window',
        critical: true,
        onError: 'stop',
        timeoutMs: 60_000,
        selected: true,
        when: null,
        confirm: null,
      },
      {
        id: 'restart',
        name: 'Restart the interface',
        action: 'exec',
        inputs: { command: 'restart-interface' },
        describe: 'Runs restart-interface against Epic Production',
        critical: true,
        onError: 'stop',
        timeoutMs: 60_000,
        selected: true,
        when: null,
        confirm: { message: 'This restarts the production interface engine.', typeName: 'Epic Production' },
      },
    ],
    approval: null,
    ...overrides,
  };
}

export function step(id: string, name: string, overrides: Partial<RunStep> = {}): RunStep {
  return { id, name, action: 'probe_connections', critical: true, state: 'pending', startedAt: null, endedAt: null, durationMs: null, message: null, outputs: {}, lines: [], linesDropped: 0, ...overrides };
}

export function run(overrides: Partial<RunDetail> = {}): RunDetail {
  return {
    id: 'run-1',
    runbookId: 'daily-health-check',
    runbookName: 'Daily health check',
    version: 1,
    state: 'running',
    result: null,
    trigger: 'manual',
    actor: 'ada',
    params: {},
    selectedSteps: null,
    rerunOf: null,
    createdAt: NOW - 1_000,
    startedAt: NOW - 1_000,
    endedAt: null,
    durationMs: null,
    approval: null,
    currentStep: null,
    steps: [step('probe', 'Probe every connection'), step('audit', 'Verify the audit chain', { critical: false })],
    decision: null,
    can: { cancel: true, approve: false, answer: false, rerun: false },
    ...overrides,
  };
}

/** A console on the Runbooks screen: its lists answer empty unless a test says otherwise. */
export function runbooksConsole(u: UserSummary, runbooks: RunbookSummary[], more: Handlers = {}): FakeVigil {
  resetRunbooksView();
  return signedInAs(u, {
    'connections.list': () => ok({ connections: CONNECTIONS }),
    'runbooks.list': () => ok({ runbooks, now: NOW }),
    'approvals.list': () => ok({ runs: [], now: NOW }),
    'decisions.list': () => ok({ decisions: [], now: NOW }),
    'runs.list': () => ok({ runs: [], nextCursor: null, now: NOW }),
    ...more,
  });
}

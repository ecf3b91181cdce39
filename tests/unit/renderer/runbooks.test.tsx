// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../src-shared/contract';
import { button, descriptionOf, fail, fill, findButton, heading, navLink, navLinks, NOW, ok, push, queryButton, renderApp, tableRows, textOf, user, type FakeVigil } from './harness';
import { EMERGENCY, plan, run, runbook, runbooksConsole, step } from './runbooks-fixtures';

const admin = user({ role: 'admin', username: 'ada' });
const operator = user({ id: 2, role: 'operator', username: 'olu', displayName: 'Olu Operator' });

const field = (label: string) => screen.getByLabelText(label);

async function openRunDialog(api: FakeVigil, name: string): Promise<UserEvent> {
  const person = renderApp(api, '#/runbooks');
  await person.click(await findButton(`Run ${name}`));
  await screen.findByRole('dialog', { name: `Run ${name}` });
  return person;
}

describe('the runbooks list', () => {
  it('shows each runbook’s last result, next scheduled run and who may run it; an invalid one with its error and no Run', async () => {
    const broken = runbook({
      id: 'broken',
      name: 'broken.yaml',
      valid: false,
      schedule: null,
      nextRunAt: null,
      error: { file: 'broken.yaml', line: 7, column: 5, endLine: 7, endColumn: 12, path: ['steps', 0, 'timeout'], message: 'a duration such as 30s, 5m or 1h30m' },
    });
    const checked = runbook({ lastRun: { id: 'run-9', state: 'done', result: 'PARTIAL_SUCCESS', at: NOW - 3 * 3_600_000 } });
    renderApp(runbooksConsole(admin, [checked, broken]), '#/runbooks');
    await waitFor(() => expect(tableRows('Runbooks')).toHaveLength(2));
    const [first, second] = tableRows('Runbooks');
    expect(first).toContain('PARTIAL SUCCESS');
    expect(first).toContain('3 h ago');
    expect(first).toContain('Admins, NOC operator');
    expect(second).toContain('Invalid, cannot run: broken.yaml, line 7, column 5: a duration such as 30s, 5m or 1h30m');
    expect(second).toContain('Not scheduled');
    expect(queryButton('Run broken.yaml')).toBeNull();
    expect(button('Run Daily health check')).toBeTruthy();
  });

  it('is in the navigation of every role; only admins get editing and the runbook settings', async () => {
    renderApp(runbooksConsole(operator, [runbook()]), '#/runbooks');
    await findButton('Run Daily health check');
    expect(navLinks()).toContain('Runbooks');
    expect(navLinks()).not.toContain('Runbook settings');
    expect(queryButton('Edit Daily health check')).toBeNull();
    expect(queryButton('Import a runbook')).toBeNull();
  });
});

describe('the Run form', () => {
  const console = () =>
    runbooksConsole(admin, [EMERGENCY], {
      'runbooks.dryRun': () => ok({ plan: plan() }),
    });

  it('is generated from the parameters: defaults, help, a select for one-of, a picker of connections; errors next to fields', async () => {
    const api = console();
    const person = await openRunDialog(api, 'Emergency response');
    expect((field('Maintenance window (optional)') as HTMLInputElement).value).toBe('30m');
    expect((field('Notify the routes') as HTMLInputElement).checked).toBe(true);
    expect(descriptionOf(field('Severity'))).toBe('How bad it is');
    const severity = field('Severity') as HTMLSelectElement;
    expect([...severity.options].map((o) => o.text)).toEqual(['Choose…', 'SEV1', 'SEV2', 'SEV3']);
    const affected = field('Affected') as HTMLSelectElement;
    await waitFor(() => expect([...affected.options].map((o) => o.text)).toEqual(['Choose a connection', 'All connections', 'Epic Production', 'Cerner Test']));

    await fill(person, field('Maintenance window (optional)'), 'half an hour');
    await fill(person, field('Users affected (optional)'), '-4');
    await person.click(button('Review the plan'));
    expect(descriptionOf(field('Severity'))).toBe('Enter severity');
    expect(descriptionOf(field('Summary'))).toBe('Enter summary');
    expect(descriptionOf(field('Affected'))).toBe('Enter affected');
    expect(descriptionOf(field('Maintenance window (optional)'))).toBe('Enter a duration such as 30s, 5m or 1h30m');
    expect(descriptionOf(field('Users affected (optional)'))).toBe('Enter a number at least 0 and at most 100000');
    expect(document.activeElement).toBe(field('Severity'));
    expect(api.callsTo('runbooks.dryRun')).toHaveLength(0);

    await fill(person, field('Severity'), 'SEV1');
    await fill(person, field('Summary'), 'Epic down');
    await fill(person, field('Affected'), '1');
    await fill(person, field('Maintenance window (optional)'), '45m');
    await fill(person, field('Users affected (optional)'), '1200');
    await person.click(button('Review the plan'));
    await screen.findByRole('dialog', { name: 'Plan: Emergency response' });
    expect(api.callsTo('runbooks.dryRun')).toEqual([
      { id: 'emergency-response', params: { severity: 'SEV1', summary: 'Epic down', affected: 1, window: '45m', users_affected: 1200, notify: true } },
    ]);
  });

  it('runs only the steps ticked, and refuses none', async () => {
    const api = console();
    const person = await openRunDialog(api, 'Emergency response');
    await fill(person, field('Severity'), 'SEV2');
    await fill(person, field('Summary'), 'Slow');
    await fill(person, field('Affected'), 'all');
    await person.click(field('Restart the interface'));
    await person.click(field('Declare the incident'));
    await person.click(button('Review the plan'));
    expect(screen.getByText('Tick at least one step to run')).toBeTruthy();
    await person.click(field('Declare the incident'));
    await person.click(button('Review the plan'));
    await screen.findByRole('dialog', { name: 'Plan: Emergency response' });
    expect(api.callsTo('runbooks.dryRun')).toEqual([{ id: 'emergency-response', params: { severity: 'SEV2', summary: 'Slow', affected: 'all', window: '30m', notify: true }, steps: ['declare'] }]);
  });

  it('shows main’s refusal of a parameter next to its field', async () => {
    const api = runbooksConsole(admin, [EMERGENCY], {
      'runbooks.dryRun': () => fail('INVALID_INPUT', 'Check the parameters.', [{ path: ['params', 'summary'], message: 'Say what happened in a few words' }]),
    });
    const person = await openRunDialog(api, 'Emergency response');
    await fill(person, field('Severity'), 'SEV3');
    await fill(person, field('Summary'), 'x');
    await fill(person, field('Affected'), '2');
    await person.click(button('Review the plan'));
    await waitFor(() => expect(descriptionOf(field('Summary'))).toBe('Say what happened in a few words'));
  });
});

/** The Run dialog filled in and its plan shown. */
async function reachPlan(api: FakeVigil): Promise<UserEvent> {
  const person = await openRunDialog(api, 'Emergency response');
  await fill(person, field('Severity'), 'SEV1');
  await fill(person, field('Summary'), 'Epic down');
  await fill(person, field('Affected'), '1');
  await person.click(button('Review the plan'));
  await screen.findByRole('dialog', { name: 'Plan: Emergency response' });
  return person;
}

describe('the dry run and the confirmation', () => {
  it('shows the resolved plan, and runs only once the production connection’s name is typed', async () => {
    const started = run({ id: 'run-7', runbookId: 'emergency-response', runbookName: 'Emergency response', steps: [step('declare', 'Declare the incident'), step('restart', 'Restart the interface')] });
    const api = runbooksConsole(admin, [EMERGENCY], {
      'runbooks.dryRun': () => ok({ plan: plan() }),
      'runbooks.run': () => ok({ run: started }),
      'runs.get': () => ok({ run: started }),
    });
    const person = await reachPlan(api);
    const planned = within(screen.getByRole('list', { name: 'Plan' }));
    expect(planned.getAllByRole('listitem').map(textOf)[0]).toContain('Opens an Emergency ticket “SEV1: Epic down” and a 30 min maintenance window');
    expect(textOf(screen.getByRole('list', { name: 'Plan' }))).toContain('titleSEV1: Epic down');

    const typeName = field('Type Epic Production to run “Restart the interface” against production');
    await person.click(button('Run now'));
    expect(descriptionOf(typeName)).toBe('Type Epic Production exactly to confirm');
    await fill(person, typeName, 'epic production');
    await person.click(button('Run now'));
    expect(api.callsTo('runbooks.run')).toHaveLength(0);

    await fill(person, typeName, 'Epic Production');
    await person.click(button('Run now'));
    await screen.findByRole('heading', { name: 'Emergency response', level: 2 });
    expect(api.callsTo('runbooks.run')).toEqual([
      { id: 'emergency-response', params: { severity: 'SEV1', summary: 'Epic down', affected: 1, window: '30m', notify: true }, confirmations: [{ stepId: 'restart', typedName: 'Epic Production' }] },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('reads the run again once started: a quick run may wait for a decision by the time main’s answer arrives', async () => {
    const steps = [step('declare', 'Declare the incident', { state: 'succeeded' }), step('restart', 'Restart the interface', { state: 'waiting_decision' })];
    const started = run({ id: 'run-8', runbookId: 'emergency-response', runbookName: 'Emergency response', steps: [step('declare', 'Declare the incident', { state: 'running' }), step('restart', 'Restart the interface')] });
    const waiting = run({
      ...started,
      state: 'waiting_decision',
      currentStep: 'restart',
      steps,
      decision: { runId: 'run-8', runbookId: 'emergency-response', runbookName: 'Emergency response', stepId: 'restart', question: 'VIG-12: is it resolved?', choices: ['Resolved', 'Escalate'], roles: ['admin'], askedAt: NOW, answer: null, answeredBy: null, answeredAt: null, comment: null },
      can: { cancel: true, approve: false, answer: true, rerun: false },
    });
    const api = runbooksConsole(admin, [EMERGENCY], {
      'runbooks.dryRun': () => ok({ plan: plan() }),
      // Main's answer is the run as it began; by the time it is read, the run has moved on.
      'runbooks.run': () => ok({ run: started }),
      'runs.get': () => ok({ run: waiting }),
    });
    const person = await reachPlan(api);
    await fill(person, field('Type Epic Production to run “Restart the interface” against production'), 'Epic Production');
    await person.click(button('Run now'));
    const decision = await screen.findByRole('region', { name: 'Decision for Emergency response' });
    expect(textOf(decision)).toContain('VIG-12: is it resolved?');
    expect(api.callsTo('runs.get')).toContainEqual({ id: 'run-8' });
  });

  it('says when a run will wait for approval', async () => {
    const api = runbooksConsole(admin, [EMERGENCY], { 'runbooks.dryRun': () => ok({ plan: plan({ approval: { count: 2, roles: ['admin'] } }) }) });
    await reachPlan(api);
    expect(textOf(screen.getByRole('dialog'))).toContain('It waits for 2 approvals from Administrator before it starts; you cannot approve your own run.');
    expect(button('Ask for approval')).toBeTruthy();
  });
});

describe('Run again', () => {
  /** A field of the dialog, which stands over the run view and its steps of the same names. */
  const asked = (label: string) => within(screen.getByRole('dialog')).getByLabelText(label);
  const withSecret = runbook({
    ...EMERGENCY,
    params: [...EMERGENCY.params, { name: 'ticket_token', type: 'string', required: false, secret: true, label: 'Ticket token' }],
    lastRun: { id: 'run-3', state: 'done', result: 'FAILED', at: NOW },
  });
  const earlier = run({
    id: 'run-3',
    runbookId: 'emergency-response',
    runbookName: 'Emergency response',
    state: 'done',
    result: 'FAILED',
    params: { severity: 'SEV2', summary: 'Epic slow', affected: 1, window: '1h', notify: false, ticket_token: null },
    selectedSteps: ['restart'],
    steps: [step('declare', 'Declare the incident'), step('restart', 'Restart the interface')],
    can: { cancel: false, approve: false, answer: false, rerun: true },
  });
  const again = run({ ...earlier, id: 'run-4', state: 'running', result: null, trigger: 'rerun', rerunOf: 'run-3' });
  const console = () =>
    runbooksConsole(admin, [withSecret], {
      'runs.get': ({ id }) => ok({ run: id === 'run-4' ? again : earlier }),
      'runbooks.dryRun': () => ok({ plan: plan({ steps: plan().steps.map((s) => ({ ...s, selected: s.id === 'restart' })) }) }),
      'runs.rerun': () => ok({ run: again }),
      'runbooks.run': () => ok({ run: again }),
    });

  async function runAgain(api: FakeVigil): Promise<UserEvent> {
    const person = renderApp(api, '#/runbooks');
    await person.click(await findButton('Open the last run of Emergency response'));
    await person.click(await findButton('Run again'));
    await screen.findByRole('dialog', { name: 'Run Emergency response' });
    return person;
  }

  it('opens the Run form with the earlier parameters and steps, asks for the secret again, and reruns through the plan and its confirmation', async () => {
    const api = console();
    const person = await runAgain(api);
    expect((asked('Severity') as HTMLSelectElement).value).toBe('SEV2');
    expect((asked('Summary') as HTMLInputElement).value).toBe('Epic slow');
    expect((asked('Maintenance window (optional)') as HTMLInputElement).value).toBe('1h');
    expect((asked('Notify the routes') as HTMLInputElement).checked).toBe(false);
    expect((asked('Declare the incident') as HTMLInputElement).checked).toBe(false);
    expect((asked('Restart the interface') as HTMLInputElement).checked).toBe(true);
    const token = asked('Ticket token');
    expect((token as HTMLInputElement).value).toBe('');

    await person.click(button('Review the plan'));
    expect(descriptionOf(token)).toContain('Enter ticket token');
    expect(api.callsTo('runbooks.dryRun')).toHaveLength(0);

    await fill(person, token, 'tok-1');
    await person.click(button('Review the plan'));
    await screen.findByRole('dialog', { name: 'Plan: Emergency response' });
    const params = { severity: 'SEV2', summary: 'Epic slow', affected: 1, window: '1h', notify: false, ticket_token: 'tok-1' };
    expect(api.callsTo('runbooks.dryRun')).toEqual([{ id: 'emergency-response', params, steps: ['restart'] }]);

    await person.click(button('Run now'));
    expect(api.callsTo('runs.rerun')).toHaveLength(0);
    await fill(person, asked('Type Epic Production to run “Restart the interface” against production'), 'Epic Production');
    await person.click(button('Run now'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('runs.rerun')).toEqual([{ id: 'run-3', params, confirmations: [{ stepId: 'restart', typedName: 'Epic Production' }] }]);
    expect(api.callsTo('runbooks.run')).toHaveLength(0);
  });

  it('starts a new run when the steps ticked are no longer the earlier ones', async () => {
    const api = console();
    const person = await runAgain(api);
    await person.click(asked('Declare the incident'));
    await fill(person, asked('Ticket token'), 'tok-1');
    await person.click(button('Review the plan'));
    await screen.findByRole('dialog', { name: 'Plan: Emergency response' });
    await fill(person, asked('Type Epic Production to run “Restart the interface” against production'), 'Epic Production');
    await person.click(button('Run now'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('runs.rerun')).toHaveLength(0);
    expect(api.callsTo('runbooks.run')).toEqual([
      {
        id: 'emergency-response',
        params: { severity: 'SEV2', summary: 'Epic slow', affected: 1, window: '1h', notify: false, ticket_token: 'tok-1' },
        confirmations: [{ stepId: 'restart', typedName: 'Epic Production' }],
      },
    ]);
  });
});

describe('the run history', () => {
  const older = run({ id: 'run-b', state: 'done', result: 'FAILED', actor: 'olu' });
  const newer = run({ id: 'run-a', state: 'done', result: 'SUCCESS' });
  const console = () =>
    runbooksConsole(admin, [runbook()], {
      'runs.list': ({ cursor }) => (cursor === 'page-2' ? ok({ runs: [older], nextCursor: null, now: NOW }) : ok({ runs: [newer], nextCursor: 'page-2', now: NOW })),
    });

  async function openHistory(api: FakeVigil): Promise<UserEvent> {
    const person = renderApp(api, '#/runbooks');
    await person.click(await screen.findByRole('tab', { name: 'History' }));
    await waitFor(() => expect(tableRows('Run history')).toHaveLength(1));
    return person;
  }

  it('shows older runs a page at a time through main’s cursor, from the keyboard', async () => {
    const api = console();
    const person = await openHistory(api);
    button('Show older runs').focus();
    await person.keyboard('{Enter}');
    await waitFor(() => expect(tableRows('Run history')).toHaveLength(2));
    expect(tableRows('Run history')[1]).toContain('FAILED');
    expect(api.callsTo('runs.list')).toEqual([
      { filter: {}, limit: 50 },
      { filter: {}, limit: 50, cursor: 'page-2' },
    ]);
    expect(queryButton('Show older runs')).toBeNull();
  });

  it('narrows to the runs between two local times, refusing a range that ends before it starts', async () => {
    // No run in the span asked for.
    const api = runbooksConsole(admin, [runbook()], {
      'runs.list': ({ filter }) => ok({ runs: Object.keys(filter).length === 0 ? [newer] : [], nextCursor: null, now: NOW }),
    });
    const person = await openHistory(api);
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    await fill(person, from, 'yesterday');
    await person.click(button('Apply dates'));
    expect(descriptionOf(from)).toContain('Enter a date and time as YYYY-MM-DD hh:mm');
    await fill(person, from, '2026-11-23');
    await fill(person, to, '2026-11-20');
    await person.click(button('Apply dates'));
    expect(descriptionOf(to)).toContain('The end is before the start');
    expect(api.callsTo('runs.list')).toHaveLength(1);

    await fill(person, to, '2026-11-23 14:05');
    await person.keyboard('{Enter}');
    const span = { from: new Date(2026, 10, 23).getTime(), to: new Date(2026, 10, 23, 14, 6).getTime() };
    await waitFor(() => expect(api.callsTo('runs.list').at(-1)).toEqual({ filter: span, limit: 50 }));
    await waitFor(() => expect(tableRows('Run history').join(' ')).not.toContain('SUCCESS'));

    await person.click(button('Any date'));
    await waitFor(() => expect((from as HTMLInputElement).value).toBe(''));
    // The whole history again, from the cache while it is fresh (run events keep it so).
    await waitFor(() => expect(tableRows('Run history')[0]).toContain('SUCCESS'));
  });
});

describe('the live run view', () => {
  it('shows each step’s state, duration and output as the events stream, then the result word; Cancel cancels', async () => {
    let detail: RunDetail = run({ lastRun: undefined } as Partial<RunDetail>);
    const api = runbooksConsole(admin, [runbook({ lastRun: { id: 'run-1', state: 'running', result: null, at: NOW - 1_000 } })], {
      'runs.get': () => ok({ run: detail }),
      'runs.cancel': () => {
        detail = { ...detail, state: 'done', result: 'CANCELLED', can: { cancel: false, approve: false, answer: false, rerun: true } };
        return ok({ run: detail });
      },
    });
    const person = renderApp(api, '#/runbooks');
    await person.click(await findButton('Open the last run of Daily health check'));
    const probe = await screen.findByRole('listitem', { name: 'Probe every connection' });
    expect(textOf(probe)).toContain('Pending');

    const base = { runId: 'run-1', runbookId: 'daily-health-check', stepId: 'probe', at: NOW } as const;
    await push(api, 'runbook.step', { ...base, kind: 'start', seq: 0, text: null, state: 'running', durationMs: null });
    await waitFor(() => expect(textOf(probe)).toContain('Running'));
    await push(api, 'runbook.step', { ...base, kind: 'output', seq: 1, text: 'Epic Production: up in 212 ms', state: 'running', durationMs: null });
    await push(api, 'runbook.step', { ...base, kind: 'output', seq: 2, text: 'Cerner Test: up in 98 ms', state: 'running', durationMs: null });
    await waitFor(() => expect(textOf(screen.queryByRole('log', { name: 'Output of Probe every connection' }))).toBe('Epic Production: up in 212 ms Cerner Test: up in 98 ms'));

    detail = run({ steps: [step('probe', 'Probe every connection', { state: 'succeeded', durationMs: 2_400, lines: [{ seq: 1, at: NOW, text: 'Epic Production: up in 212 ms' }, { seq: 2, at: NOW, text: 'Cerner Test: up in 98 ms' }] }), step('audit', 'Verify the audit chain', { critical: false })] });
    await push(api, 'runbook.step', { ...base, kind: 'result', seq: 3, text: null, state: 'succeeded', durationMs: 2_400 });
    await waitFor(() => expect(textOf(probe)).toContain('Succeeded'));
    expect(textOf(probe)).toContain('2 s');

    await person.click(button('Cancel run'));
    await waitFor(() => expect(textOf(screen.getByRole('heading', { name: 'Daily health check', level: 2 }).parentElement)).toContain('CANCELLED'));
    expect(api.callsTo('runs.cancel')).toEqual([{ id: 'run-1' }]);
    expect(button('Run again')).toBeTruthy();
  });

  it.each([
    ['SUCCESS', 'SUCCESS'],
    ['PARTIAL_SUCCESS', 'PARTIAL SUCCESS'],
    ['FAILED', 'FAILED'],
    ['CANCELLED', 'CANCELLED'],
    ['TIMED_OUT', 'TIMED OUT'],
    ['INTERRUPTED', 'INTERRUPTED'],
  ] as const)('shows %s as %s', async (result, word) => {
      const api = runbooksConsole(admin, [runbook({ lastRun: { id: 'run-1', state: 'done', result, at: NOW } })], {
        'runs.get': () => ok({ run: run({ state: 'done', result, can: { cancel: false, approve: false, answer: false, rerun: true } }) }),
      });
      const person = renderApp(api, '#/runbooks');
      await person.click(await findButton('Open the last run of Daily health check'));
      await waitFor(() => expect(textOf(document.querySelector('.run-result'))).toBe(word));
  });
});

describe('where the person is', () => {
  it('keeps the run being watched through a visit to another screen, and the Runbooks link leads back to the list', async () => {
    const api = runbooksConsole(admin, [runbook({ lastRun: { id: 'run-1', state: 'running', result: null, at: NOW } })], { 'runs.get': () => ok({ run: run() }) });
    const person = renderApp(api, '#/runbooks');
    await person.click(await findButton('Open the last run of Daily health check'));
    await screen.findByRole('heading', { name: 'Daily health check', level: 2 });
    await person.click(navLink('Connections'));
    await waitFor(() => expect(heading()).toBe('Connections'));
    await person.click(navLink('Runbooks'));
    expect(await screen.findByRole('heading', { name: 'Daily health check', level: 2 })).toBeTruthy();
    await person.click(navLink('Runbooks'));
    await waitFor(() => expect(tableRows('Runbooks')).toHaveLength(1));
  });
});

describe('approvals and decisions', () => {
  const awaiting = (actor: string, approve: boolean) =>
    run({ state: 'awaiting_approval', startedAt: null, actor, approval: { needed: 2, roles: ['admin'], votes: [] }, can: { cancel: true, approve, answer: false, rerun: false } });

  it('does not let the requester approve their own run', async () => {
    const api = runbooksConsole(admin, [runbook({ lastRun: { id: 'run-1', state: 'awaiting_approval', result: null, at: NOW } })], { 'runs.get': () => ok({ run: awaiting('ada', false) }) });
    const person = renderApp(api, '#/runbooks');
    await person.click(await findButton('Open the last run of Daily health check'));
    await screen.findByRole('region', { name: 'Approval' });
    expect(textOf(screen.getByRole('region', { name: 'Approval' }))).toContain('You asked for this run, so you cannot approve it: another approver must.');
    expect(queryButton('Approve')).toBeNull();
  });

  it('lets a second admin approve from the queue, with a comment', async () => {
    const waiting = awaiting('bea', true);
    const api = runbooksConsole(admin, [runbook()], {
      'approvals.list': () => ok({ runs: [waiting], now: NOW }),
      'runs.get': () => ok({ run: waiting }),
      'approvals.approve': () => ok({ run: { ...waiting, state: 'running', can: { cancel: true, approve: false, answer: false, rerun: false } } }),
    });
    const person = renderApp(api, '#/runbooks');
    await person.click(await screen.findByRole('tab', { name: 'Approvals (1)' }));
    await person.click(await findButton('Review the run of Daily health check by bea'));
    await person.click(await findButton('Approve'));
    expect(descriptionOf(field('Comment'))).toBe('Add a comment: it goes into the audit trail with your vote');
    await fill(person, field('Comment'), 'Checked with the on-call lead');
    await person.click(button('Approve'));
    await waitFor(() => expect(api.callsTo('approvals.approve')).toEqual([{ runId: 'run-1', comment: 'Checked with the on-call lead' }]));
  });

  it('answers a decision with one of its choices', async () => {
    const decision = {
      runId: 'run-3',
      runbookId: 'emergency-response',
      runbookName: 'Emergency response',
      stepId: 'close',
      question: 'Close the incident?',
      choices: ['Close', 'Keep open'],
      roles: ['admin' as const],
      askedAt: NOW - 120_000,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      comment: null,
    };
    const api = runbooksConsole(admin, [EMERGENCY], {
      'decisions.list': () => ok({ decisions: [decision], now: NOW }),
      'decisions.answer': () => ok({ run: run({ id: 'run-3', state: 'running' }) }),
    });
    const person = renderApp(api, '#/runbooks');
    await person.click(await screen.findByRole('tab', { name: 'Decisions (1)' }));
    const panel = await screen.findByRole('region', { name: 'Decision for Emergency response' });
    expect(textOf(panel)).toContain('Close the incident?');
    await fill(person, within(panel).getByLabelText('Comment (optional)'), 'Service restored');
    await person.click(within(panel).getByRole('button', { name: 'Keep open' }));
    await waitFor(() => expect(api.callsTo('decisions.answer')).toEqual([{ runId: 'run-3', stepId: 'close', choice: 'Keep open', comment: 'Service restored' }]));
  });
});

describe('the YAML editor', () => {
  const YAML = 'id: custom-check\nname: Custom check\nroles: [admin]\nsteps:\n  - id: probe\n    name: Probe\n    action: probe_connections\n    timeout: soon\n';
  const custom = runbook({ id: 'custom-check', name: 'Custom check', source: 'custom', fileName: 'custom-check.yaml', version: 2 });
  const issue = { file: 'custom-check.yaml', line: 8, column: 14, endLine: 8, endColumn: 18, path: ['steps', 0, 'timeout'], message: 'a duration such as 30s, 5m or 1h30m' };

  it('shows schema errors at their line and column, moves the caret there, checks again as it is typed and saves a new version', async () => {
    const api = runbooksConsole(admin, [custom], {
      'runbooks.get': () => ok({ runbook: custom, yaml: YAML, definition: null, issues: [issue] }),
      'runbooks.versions': () => ok({ versions: [{ version: 2, savedAt: NOW, savedBy: 'ada', bytes: 120 }, { version: 1, savedAt: NOW - 86_400_000, savedBy: 'ada', bytes: 110 }] }),
      'runbooks.diff': () => ok({ patch: '', lines: [{ kind: 'removed', text: '    timeout: 30s', oldLine: 8, newLine: null }, { kind: 'added', text: '    timeout: soon', oldLine: null, newLine: 8 }], added: 1, removed: 1 }),
      'runbooks.validate': ({ yaml }) => ok({ valid: yaml.includes('30s'), issues: yaml.includes('30s') ? [] : [issue], definition: null }),
      'runbooks.save': ({ yaml }) => ok({ runbook: { ...custom, version: 3, name: yaml.includes('30s') ? 'Custom check' : 'x' } }),
    });
    const person = renderApp(api, '#/runbooks');
    await person.click(await findButton('Edit Custom check'));
    const yaml = (await screen.findByLabelText('YAML')) as HTMLTextAreaElement;
    expect(descriptionOf(yaml)).toContain('Line 8, column 14 steps.0.timeout a duration such as 30s, 5m or 1h30m');
    expect(yaml.getAttribute('aria-invalid')).toBe('true');

    await person.click(button('Line 8, column 14'));
    expect(document.activeElement).toBe(yaml);
    expect(yaml.value.slice(yaml.selectionStart, yaml.selectionEnd)).toBe('soon');

    await fill(person, yaml, YAML.replace('soon', '30s'));
    await waitFor(() => expect(descriptionOf(yaml)).toBe('Valid: it matches the runbook schema.'));
    expect(api.callsTo('runbooks.validate').at(-1)).toEqual({ yaml: YAML.replace('soon', '30s'), fileName: 'custom-check.yaml' });

    const diff = await screen.findByLabelText('Changes from version 1 to 2');
    expect([...diff.querySelectorAll('.diff-line')].map((line) => [line.className, textOf(line)])).toEqual([
      ['diff-line diff-removed', '− timeout: 30s'],
      ['diff-line diff-added', '+ timeout: soon'],
    ]);

    await person.click(button('Save as a new version'));
    await waitFor(() => expect(api.callsTo('runbooks.save')).toEqual([{ yaml: YAML.replace('soon', '30s'), fileName: 'custom-check.yaml', baseVersion: 2 }]));
    expect(await screen.findByText('Saved Custom check, version 3.')).toBeTruthy();
  });
});

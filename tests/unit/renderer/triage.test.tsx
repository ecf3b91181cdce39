// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_VIEWS, type TicketRow } from '../../../src-shared/tickets';
import type { Role } from '../../../src-shared/roles';
import { clock, detail, row, ticket } from './triage-fixtures';
import { button, descriptionOf, fail, findButton, ok, push, queryButton, renderApp, signedInAs, textOf, user, type Handlers } from './harness';

/** Main as the Triage screen sees it: the queue is `rows` (in the order given), changed by the triage calls. */
function triageConsole(role: Role, rows: TicketRow[], more: Handlers = {}) {
  const queue = [...rows];
  const find = (id: string) => queue.find((r) => r.id === id)!;
  const change = (id: string, changes: Partial<TicketRow>) => {
    const i = queue.findIndex((r) => r.id === id);
    queue[i] = { ...queue[i]!, ...changes };
    return ok({ ticket: ticket(queue[i]!) });
  };
  const api = signedInAs(user({ role, username: 'sam', displayName: 'Sam Support' }), {
    'tickets.views.list': () => ok({ views: [...BUILT_IN_VIEWS] }),
    'tickets.list': (input) => ok({ tickets: queue.filter((r) => input.filter.assignee !== 'me' || r.assignee === 'sam'), nextCursor: null, now: Date.now() }),
    'tickets.count': () => ok({ total: queue.length, exact: true }),
    'tickets.get': (input) => ok(detail(ticket(find('id' in input ? input.id : '')), { can: { triage: role !== 'safety_officer', comment: true, reveal: role !== 'operator', exportClear: false } })),
    'tickets.assign': (input) => change(input.id, { assignee: 'sam' }),
    'tickets.escalate': (input) => change(input.id, { tier: 2 }),
    'tickets.setStatus': (input) => change(input.id, { status: input.status, pendingReason: input.pendingReason ?? null }),
    'tickets.update': (input) => change(input.id, input.changes.priority ? { priority: input.changes.priority } : {}),
    'tickets.comment': (input) => ok({ ticket: ticket(find(input.id)), comment: { id: 'c1', at: Date.now(), author: 'sam', visibility: input.visibility, body: input.body } }),
    ...more,
  });
  return api;
}

const ROWS = [row(101, { title: 'Epic interface down', priority: 'emergency' }), row(102, { title: 'Printer jam on ward 3' }), row(103, { title: 'Lab feed slow' })];

async function openTriage(api: ReturnType<typeof triageConsole>) {
  const person = renderApp(api, '#/triage');
  await screen.findByRole('heading', { level: 1, name: 'Triage' });
  await screen.findByText('Epic interface down');
  return person;
}

function currentRow(): string {
  return textOf(document.querySelector('.ticket-queue [aria-current="true"] .ticket-key'));
}

describe('Triage: the queue', () => {
  it('lists the queue as main orders it, with each next breach counting down in words and the count', async () => {
    const api = triageConsole('support_tech', [...ROWS, row(104, { status: 'pending', pendingReason: 'vendor', clocks: { resolution: clock({ state: 'paused', dueAt: null }) } as TicketRow['clocks'] })]);
    await openTriage(api);
    const items = within(screen.getByRole('list', { name: 'Tickets, the next to breach first' })).getAllByRole('listitem');
    expect(items.map((li) => textOf(li.querySelector('.ticket-key')))).toEqual(['VIG-101', 'VIG-102', 'VIG-103', 'VIG-104']);
    expect(textOf(items[0])).toContain('Resolution: Running 29 min 00 s left');
    expect(textOf(items[3])).toContain('Pending: waiting for vendor');
    expect(textOf(items[3])).toContain('Resolution: Paused');
    expect(await screen.findByText('4 tickets')).toBeTruthy();
  });

  it('asks for a first page small enough to paint at once, then the next with its cursor as the end nears', async () => {
    const first = Array.from({ length: 50 }, (_, i) => row(1000 + i));
    const api = triageConsole('support_tech', [], {
      'tickets.list': (input) => ok({ tickets: input.cursor ? [row(2000, { title: 'From the second page' })] : first, nextCursor: input.cursor ? null : 'after-1049', now: Date.now() }),
    });
    renderApp(api, '#/triage');
    await screen.findByText('Ticket 1000');
    await waitFor(() =>
      expect(api.callsTo('tickets.list')).toEqual([
        { filter: { status: 'open' }, sort: 'urgency', limit: 50 },
        { filter: { status: 'open' }, sort: 'urgency', limit: 200, cursor: 'after-1049' },
      ]),
    );
    expect(screen.getByRole('list', { name: 'Tickets, the next to breach first' }).querySelectorAll('li').length).toBeLessThan(51);
  });

  it('moves with j and k, opens with Enter, assigns with a and escalates with e, all from the keyboard', async () => {
    const api = triageConsole('support_tech', ROWS);
    const person = await openTriage(api);
    await person.keyboard('j');
    expect(currentRow()).toBe('VIG-101');
    await person.keyboard('jjk');
    expect(currentRow()).toBe('VIG-102');
    // Focus follows, so Tab goes on from the row moved to.
    expect(document.activeElement?.closest('[aria-current="true"]')).not.toBeNull();
    await person.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Printer jam on ward 3' })).toBeTruthy();
    expect(api.callsTo('tickets.get')).toContainEqual({ id: 't-102' });

    await person.keyboard('a');
    await waitFor(() => expect(api.callsTo('tickets.assign')).toEqual([{ id: 't-102', assignee: 'me', expected: null }]));
    expect(await screen.findByText('Assigned to you on 1 ticket.')).toBeTruthy();
    await person.keyboard('e');
    await waitFor(() => expect(api.callsTo('tickets.escalate')).toEqual([{ id: 't-102' }]));

    await person.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Ticket details' })).toBeNull());
  });

  it('says so when someone else took the ticket first', async () => {
    const api = triageConsole('support_tech', ROWS, { 'tickets.assign': () => fail('CONFLICT', 'VIG-101 was assigned to otto meanwhile.') });
    const person = await openTriage(api);
    await person.keyboard('ja');
    expect(await screen.findByText(/VIG-101 refused: VIG-101 was assigned to otto meanwhile/)).toBeTruthy();
  });

  it('leaves the keys alone while a field is typed in: / goes to the search, and j is a letter there', async () => {
    const api = triageConsole('support_tech', ROWS);
    const person = await openTriage(api);
    await person.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Search (/)' });
    expect(document.activeElement).toBe(search);
    await person.keyboard('jam');
    expect((search as HTMLInputElement).value).toBe('jam');
    expect(currentRow()).toBe('');
    expect(api.callsTo('tickets.assign')).toEqual([]);
    await waitFor(() => expect(api.callsTo('tickets.list')).toContainEqual(expect.objectContaining({ filter: { status: 'open', text: 'jam' } })));
  });

  it('shows the keys on ?', async () => {
    const api = triageConsole('support_tech', ROWS);
    const person = await openTriage(api);
    expect(screen.queryByRole('heading', { name: 'Keyboard triage' })).toBeNull();
    await person.keyboard('?');
    const help = await screen.findByRole('heading', { name: 'Keyboard triage' });
    expect(within(help.parentElement!).getByText('tick or untick it (for a bulk action)')).toBeTruthy();
  });

  it('switches views: Mine asks main for my tickets', async () => {
    const api = triageConsole('support_tech', ROWS);
    const person = await openTriage(api);
    await person.click(within(screen.getByRole('list', { name: 'Views' })).getByRole('button', { name: 'Mine' }));
    await waitFor(() => expect(api.callsTo('tickets.list')).toContainEqual(expect.objectContaining({ filter: { status: 'open', assignee: 'me' } })));
    expect(await screen.findByText('No tickets in this view.')).toBeTruthy();
  });

  it('asks for the queue again when a ticket changes', async () => {
    const api = triageConsole('support_tech', ROWS);
    await openTriage(api);
    const before = api.callsTo('tickets.list').length;
    await push(api, 'ticket.changed', { ticketId: 't-101', number: 101, type: 'status' });
    await waitFor(() => expect(api.callsTo('tickets.list').length).toBeGreaterThan(before));
  });

  it('offers no triage keys to a safety officer, who still reads the queue', async () => {
    const api = triageConsole('safety_officer', ROWS);
    const person = await openTriage(api);
    expect(queryButton('New ticket')).toBeNull();
    await person.keyboard('ja');
    expect(api.callsTo('tickets.assign')).toEqual([]);
  });
});

describe('Triage: bulk actions on the ticked tickets', () => {
  it('ticks with x, then assigns, sets status and priority on all of them', async () => {
    const api = triageConsole('support_tech', ROWS);
    const person = await openTriage(api);
    await person.keyboard('jxjjx');
    expect(textOf(screen.getByRole('group', { name: 'Ticked tickets' }))).toContain('2 ticked');

    await person.keyboard('a');
    await waitFor(() => expect(api.callsTo('tickets.assign')).toHaveLength(2));
    expect(api.callsTo('tickets.assign')).toEqual([
      { id: 't-101', assignee: 'me', expected: null },
      { id: 't-103', assignee: 'me', expected: null },
    ]);

    await person.keyboard('s');
    const status = await screen.findByRole('dialog', { name: 'Set status: 2 tickets' });
    await person.selectOptions(within(status).getByLabelText('Status'), 'in_progress');
    await person.click(within(status).getByRole('button', { name: 'Set status' }));
    await waitFor(() => expect(api.callsTo('tickets.setStatus')).toEqual([
      { id: 't-101', status: 'in_progress' },
      { id: 't-103', status: 'in_progress' },
    ]));
    expect(await screen.findByText('Status In progress on 2 tickets.')).toBeTruthy();

    await person.keyboard('jxkx');
    await person.keyboard('p');
    const priority = await screen.findByRole('dialog', { name: 'Set priority: 2 tickets' });
    await person.selectOptions(within(priority).getByLabelText('Priority'), 'critical');
    await person.click(within(priority).getByRole('button', { name: 'Set priority' }));
    await waitFor(() => expect(api.callsTo('tickets.update')).toHaveLength(2));
    expect(api.callsTo('tickets.update')).toContainEqual({ id: 't-102', changes: { priority: 'critical' } });
  });
});

describe('Triage: the ticket', () => {
  it('asks what a pending ticket waits for, next to the field, and shows its clock paused', async () => {
    const api = triageConsole('support_tech', ROWS);
    const person = await openTriage(api);
    await person.keyboard('j{Enter}s');
    const dialog = await screen.findByRole('dialog', { name: 'Set status: VIG-101' });
    await person.selectOptions(within(dialog).getByLabelText('Status'), 'pending');
    await person.click(within(dialog).getByRole('button', { name: 'Set status' }));
    const waiting = within(dialog).getByLabelText('Waiting for');
    expect(descriptionOf(waiting)).toBe('Say what the ticket is waiting for');
    await person.selectOptions(waiting, 'requester');
    await person.click(within(dialog).getByRole('button', { name: 'Set status' }));
    await waitFor(() => expect(api.callsTo('tickets.setStatus')).toEqual([{ id: 't-101', status: 'pending', pendingReason: 'requester' }]));

    // Main answers the ticket with its resolution clock paused.
    api.handlers['tickets.get'] = () =>
      ok(detail(ticket(row(101, { title: 'Epic interface down', status: 'pending', pendingReason: 'requester', clocks: { resolution: clock({ state: 'paused', dueAt: null }) } as TicketRow['clocks'] }))));
    await push(api, 'ticket.changed', { ticketId: 't-101', number: 101, type: 'status' });
    const clocks = await screen.findByRole('table', { name: 'SLA clocks' });
    const cells = () => [...clocks.querySelectorAll('[data-clock="resolution"] > *')].map(textOf);
    await waitFor(() => expect(cells()).toEqual(['Resolution', 'Paused', '20 min 00 s left', 'None while paused']));
    expect(textOf(screen.getByRole('complementary', { name: 'Ticket details' }))).toContain('Pending: waiting for requester');
  });

  it('records the requester’s satisfaction when resolving', async () => {
    const api = triageConsole('support_tech', ROWS, { 'tickets.csat': (input) => ok({ ticket: ticket(row(101), { csat: { score: input.score, comment: input.comment, at: Date.now() } }) }) });
    const person = await openTriage(api);
    await person.keyboard('js');
    const dialog = await screen.findByRole('dialog', { name: 'Set status: VIG-101' });
    await person.selectOptions(within(dialog).getByLabelText('Status'), 'resolved');
    await person.selectOptions(within(dialog).getByLabelText('Score'), '4');
    await person.type(within(dialog).getByLabelText('Their comment'), 'Quick fix');
    await person.click(within(dialog).getByRole('button', { name: 'Set status' }));
    await waitFor(() => expect(api.callsTo('tickets.csat')).toEqual([{ id: 't-101', score: 4, comment: 'Quick fix' }]));
    expect(api.callsTo('tickets.setStatus')).toEqual([{ id: 't-101', status: 'resolved' }]);
  });

  it('adds an internal note or a reply with c', async () => {
    const api = triageConsole('support_tech', ROWS);
    const person = await openTriage(api);
    await person.keyboard('jc');
    const dialog = await screen.findByRole('dialog', { name: 'Comment: VIG-101' });
    await person.click(within(dialog).getByRole('button', { name: 'Add comment' }));
    expect(descriptionOf(within(dialog).getByLabelText('Your comment'))).toBe('Write something');
    await person.type(within(dialog).getByLabelText('Your comment'), 'Called the ward');
    await person.selectOptions(within(dialog).getByLabelText('Who sees it'), 'public');
    await person.click(within(dialog).getByRole('button', { name: 'Add comment' }));
    await waitFor(() => expect(api.callsTo('tickets.comment')).toEqual([{ id: 't-101', visibility: 'public', body: 'Called the ward' }]));
  });

  it('reveals the text in clear only for a reason, for a role with phi.view', async () => {
    const api = triageConsole('support_tech', ROWS, {
      'tickets.reveal': () => ok(detail(ticket(row(101, { title: 'Epic interface down' }), { description: 'Lab results do not reach Jane Doe' }), { masked: false })),
    });
    const person = await openTriage(api);
    await person.keyboard('j{Enter}');
    expect(await screen.findByText('Lab results do not reach [REDACTED:name]')).toBeTruthy();
    await person.click(await findButton('Show in clear…'));
    const dialog = await screen.findByRole('dialog', { name: 'Show VIG-101 in clear' });
    await person.type(within(dialog).getByLabelText('Reason'), 'short');
    await person.click(within(dialog).getByRole('button', { name: 'Show in clear' }));
    expect(descriptionOf(within(dialog).getByLabelText('Reason'))).toBe('Say why, in at least 10 characters');
    expect(api.callsTo('tickets.reveal')).toEqual([]);
    await person.type(within(dialog).getByLabelText('Reason'), ' call back to ward 4');
    await person.click(within(dialog).getByRole('button', { name: 'Show in clear' }));
    expect(await screen.findByText('Lab results do not reach Jane Doe')).toBeTruthy();
    expect(api.callsTo('tickets.reveal')).toEqual([{ id: 't-101', reason: 'short call back to ward 4' }]);
  });

  it('offers no reveal to a role without phi.view', async () => {
    const api = triageConsole('operator', ROWS);
    const person = await openTriage(api);
    await person.keyboard('j{Enter}');
    await screen.findByText('Lab results do not reach [REDACTED:name]');
    expect(queryButton('Show in clear…')).toBeNull();
  });
});

describe('Triage: a new ticket', () => {
  it('shows field errors, then main’s suggestions with their reasons, applied only when asked', async () => {
    const api = triageConsole('support_tech', ROWS, {
      'tickets.suggest': (input) =>
        ok({
          suggestion: {
            priority: { value: input.title.includes('bleeding') ? 'emergency' : 'medium', reasons: input.title.includes('bleeding') ? ['“bleeding” is about patient safety'] : [] },
            category: { value: 'clinical', reasons: ['clinical words'] },
            emergency: input.title.includes('bleeding') ? 'patient_safety' : null,
            sentiment: { score: -3, comparative: -1, negativeWords: ['wrong'], strong: false, reason: null },
            errorCodes: [],
          },
          articles: [],
        }),
      'tickets.create': (input) => ok({ ticket: ticket(row(200, { title: input.title, priority: input.priority })) }),
    });
    const person = await openTriage(api);
    await person.click(button('New ticket'));
    const dialog = await screen.findByRole('dialog', { name: 'New ticket' });
    await person.click(within(dialog).getByRole('button', { name: 'Open ticket' }));
    expect(descriptionOf(within(dialog).getByLabelText('Title'))).toBe('Enter a title');
    expect(api.callsTo('tickets.create')).toEqual([]);

    await person.type(within(dialog).getByLabelText('Title'), 'Wrong dose shown, patient bleeding');
    const panel = await within(dialog).findByRole('region', { name: 'Suggested from what you typed' });
    await waitFor(() => expect(textOf(panel)).toContain('Priority: Emergency — “bleeding” is about patient safety'));
    // Shown, not applied.
    expect((within(dialog).getByLabelText('Priority') as HTMLSelectElement).value).toBe('medium');
    await person.click(within(panel).getByRole('button', { name: 'Use priority Emergency' }));
    await person.click(within(panel).getByRole('button', { name: 'Use emergency Patient safety' }));
    expect((within(dialog).getByLabelText('Priority') as HTMLSelectElement).value).toBe('emergency');
    await person.click(within(dialog).getByRole('button', { name: 'Open ticket' }));
    await waitFor(() => expect(api.callsTo('tickets.create')).toEqual([expect.objectContaining({ title: 'Wrong dose shown, patient bleeding', priority: 'emergency', category: 'technical', emergency: 'patient_safety' })]));
    expect(await screen.findByText('VIG-200 opened: Wrong dose shown, patient bleeding')).toBeTruthy();
  });

  it('puts main’s refusal next to the field it names', async () => {
    const api = triageConsole('support_tech', ROWS, {
      'tickets.suggest': () => ok({ suggestion: detail(ticket(row(1))).suggestion, articles: [] }),
      'tickets.create': () => fail('INVALID_INPUT', 'Check the fields', [{ path: ['requester', 'contact'], message: 'Too long for a contact' }]),
    });
    const person = await openTriage(api);
    await person.click(button('New ticket'));
    const dialog = await screen.findByRole('dialog', { name: 'New ticket' });
    await person.type(within(dialog).getByLabelText('Title'), 'Badge reader broken');
    await person.click(within(dialog).getByRole('button', { name: 'Open ticket' }));
    await waitFor(() => expect(descriptionOf(within(dialog).getByLabelText('Contact'))).toBe('Too long for a contact'));
  });
});

describe('Triage: import', () => {
  it('lists every problem by line and column, and imports the valid rows only when chosen', async () => {
    const api = triageConsole('admin', ROWS, {
      'tickets.import': (input) =>
        input.mode === 'check'
          ? ok({
              rows: 5,
              valid: 3,
              imported: 0,
              issues: [
                { line: 3, row: 2, column: 'priority', message: 'Not a priority: "urgent"' },
                { line: 6, row: 5, column: 'created_at', message: 'Not a time' },
              ],
              issueCount: 2,
              numbers: null,
            })
          : ok({ rows: 5, valid: 3, imported: 3, issues: [], issueCount: 2, numbers: { first: 300, last: 302 } }),
    });
    const person = await openTriage(api);
    await person.click(button('Import…'));
    const dialog = await screen.findByRole('dialog', { name: 'Import tickets' });
    await person.upload(within(dialog).getByLabelText('File'), new File(['external_id,title\n'], 'old-tool.csv', { type: 'text/csv' }));
    const table = await within(dialog).findByRole('table', { name: 'Problems found' });
    const cells = within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map(textOf));
    expect(cells).toEqual([
      ['3', '2', 'priority', 'Not a priority: "urgent"'],
      ['6', '5', 'created_at', 'Not a time'],
    ]);
    expect(api.callsTo('tickets.import')).toEqual([{ format: 'csv', content: 'external_id,title\n', mode: 'check' }]);
    expect(within(dialog).queryByRole('button', { name: /^Import 3 tickets/ })).toBeNull();
    await person.click(within(dialog).getByRole('button', { name: 'Import only the 3 valid rows' }));
    expect(await screen.findByText('Imported 3 tickets from old-tool.csv (VIG-300 to VIG-302); 2 rows left out.')).toBeTruthy();
    expect(api.callsTo('tickets.import').at(-1)).toEqual({ format: 'csv', content: 'external_id,title\n', mode: 'valid' });
  });
});

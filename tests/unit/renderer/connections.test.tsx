// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Diagnostics } from '../../../src-shared/contract';
import { formatLocalTime, localDate, localDateTime } from '../../../src-renderer/lib/time';
import {
  button,
  fail,
  findButton,
  heading,
  liveTexts,
  navLinks,
  NOW,
  ok,
  pageText,
  push,
  queryButton,
  renderApp,
  tableRows,
  textOf,
  user,
} from './harness';
import { allPassing, check, connection, connectionsConsole, diagnostics, NETWORK_ERROR } from './connection-fixtures';
import { openSetupTab } from './board-fixtures';

const minutesAgo = (n: number) => NOW - n * 60_000;

describe('the connections list', () => {
  it('says each last result in words with an icon, and when, with the exact time on hover', async () => {
    const passedAt = minutesAgo(3);
    const list = [
      connection(1, { name: 'Sandbox EHR', vendor: 'epic', authMode: 'private_key_jwt', clientId: 'vigil', baseUrl: 'http://127.0.0.1:4999/fhir' }, { lastTest: allPassing(1, passedAt), sandbox: true }),
      connection(2, { name: 'Cerner prod' }, { lastTest: diagnostics(2, [check('capability', 'pass'), check('cds', 'warn')], minutesAgo(90)) }),
      connection(3, { name: 'Old HAPI' }, {
        lastTest: diagnostics(3, [check('capability', 'pass'), check('smart', 'pass'), check('token', 'fail', { error: NETWORK_ERROR })], minutesAgo(1)),
      }),
      connection(4, { name: 'Brand new' }),
    ];
    const person = renderApp(connectionsConsole(user({ role: 'operator' }), list));
    await openSetupTab(person);
    await waitFor(() => expect(tableRows('Connections')).toHaveLength(4));
    const [sandbox, cerner, hapi, fresh] = tableRows('Connections');
    expect(sandbox).toContain('Sandbox EHR');
    expect(sandbox).toContain('Epic');
    expect(sandbox).toContain('Private key (SMART Backend Services)');
    expect(sandbox).toContain('127.0.0.1:4999');
    expect(sandbox).toContain('All checks passed');
    expect(sandbox).toContain('3 min ago');
    expect(cerner).toContain('1 warning');
    expect(cerner).toContain('2 h ago');
    expect(hapi).toContain('Failed at Access token');
    expect(fresh).toContain('Not tested yet');

    const time = document.querySelector(`time[datetime="${new Date(passedAt).toISOString()}"]`);
    expect(time?.getAttribute('title')).toBe(localDateTime(passedAt));
    // Never by colour alone: every result carries an icon next to its words.
    const statuses = [...document.querySelectorAll('.connections-table .status')];
    expect(statuses).toHaveLength(3);
    for (const status of statuses) expect(status.querySelector('svg')).not.toBeNull();
  });

  it('connections.changed from main refreshes the list', async () => {
    let list = [connection(1, { name: 'Sandbox EHR' })];
    const api = connectionsConsole(user({ role: 'operator' }), []);
    api.handlers['connections.list'] = () => ok({ connections: list });
    const person = renderApp(api);
    await openSetupTab(person);
    await waitFor(() => expect(tableRows('Connections')[0]).toContain('Not tested yet'));

    list = [connection(1, { name: 'Sandbox EHR' }, { lastTest: allPassing(1) })];
    await push(api, 'connections.changed', { connectionId: 1, by: 'ada' });
    await waitFor(() => expect(tableRows('Connections')[0]).toContain('All checks passed'));
  });

  it('a failed refresh keeps the last list on screen and says it may be out of date', async () => {
    const api = connectionsConsole(user({ role: 'operator' }), [connection(1, { name: 'Sandbox EHR' }, { lastTest: allPassing(1) })]);
    const person = renderApp(api);
    await openSetupTab(person);
    await waitFor(() => expect(tableRows('Connections')[0]).toContain('All checks passed'));

    api.handlers['connections.list'] = () => fail('UNAVAILABLE', 'The store is not available.');
    await push(api, 'connections.changed', { connectionId: 1, by: 'ada' });
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('Could not refresh the connections: what is shown may be out of date'));
    expect(tableRows('Connections')[0]).toContain('All checks passed');
  });
});

describe('who sees what', () => {
  it('an operator lands on Connections, may test, and is offered no Add, Edit, Delete, patient data or Sandbox settings', async () => {
    const api = connectionsConsole(user({ role: 'operator', username: 'olive' }), [connection(1, { name: 'Sandbox EHR' }, { sandbox: true })]);
    const person = renderApp(api);
    await openSetupTab(person);
    await waitFor(() => expect(heading()).toBe('Connections'));
    await waitFor(() => button('Test now Sandbox EHR'));
    expect(navLinks()[0]).toBe('Connections');
    expect(navLinks()).not.toContain('Sandbox EHR');
    expect(queryButton('Add connection')).toBeNull();
    expect(screen.queryAllByRole('button', { name: /^(Edit|Delete)/ })).toEqual([]);
    expect(pageText()).not.toContain('Patient snapshot');
    expect(api.callsTo('sandbox.get')).toEqual([]);
  });

  it('a safety officer sees the connections but may not run a test', async () => {
    const person = renderApp(connectionsConsole(user({ role: 'safety_officer' }), [connection(1, { name: 'Sandbox EHR' })]));
    await openSetupTab(person);
    await waitFor(() => expect(tableRows('Connections')).toHaveLength(1));
    expect(queryButton('Test now Sandbox EHR')).toBeNull();
  });

  it('an admin gets Add, Edit and Delete', async () => {
    const person = renderApp(connectionsConsole(user({ role: 'admin' }), [connection(1, { name: 'Sandbox EHR' })]));
    await openSetupTab(person);
    await waitFor(() => button('Edit Sandbox EHR'));
    expect(button('Add connection')).toBeTruthy();
    expect(button('Delete Sandbox EHR')).toBeTruthy();
  });
});

describe('Test now', () => {
  it('shows each step live from connections.testProgress, then the final result with the guidance for the failure', async () => {
    let answer: (d: Diagnostics) => void = () => {};
    const api = connectionsConsole(user({ role: 'operator' }), [connection(1, { name: 'Sandbox EHR' }, { lastTest: allPassing(1, minutesAgo(30)) })], {
      'connections.test': () => new Promise((resolve) => (answer = (d) => resolve(ok(d)))),
    });
    const person = renderApp(api);
    await openSetupTab(person);
    await person.click(await findButton('Test now Sandbox EHR'));
    expect(api.callsTo('connections.test')).toEqual([{ id: 1 }]);
    await waitFor(() => expect(pageText()).toContain('Testing Sandbox EHR…'));

    const runId = 'run-live';
    await push(api, 'connections.testProgress', { runId, connectionId: 1, result: check('capability', 'running', { summary: 'Reading /metadata' }) });
    await waitFor(() => expect(tableRows('Diagnostics')).toEqual([expect.stringContaining('Running…')]));
    expect(tableRows('Diagnostics')[0]).toContain('Reading /metadata');
    expect(pageText()).toContain('Check 1 of 7: CapabilityStatement');

    await push(api, 'connections.testProgress', { runId, connectionId: 1, result: check('capability', 'pass', { summary: 'FHIR 4.0.1, Vigil sandbox' }) });
    await push(api, 'connections.testProgress', { runId, connectionId: 1, result: check('smart', 'pass') });
    await push(api, 'connections.testProgress', { runId, connectionId: 1, result: check('token', 'running', { summary: 'Asking for a token' }) });
    await waitFor(() => expect(tableRows('Diagnostics')).toHaveLength(3));
    const live = tableRows('Diagnostics');
    expect(live[0]).toContain('Pass');
    expect(live[0]).toContain('FHIR 4.0.1, Vigil sandbox');
    expect(live[2]).toContain('Running…');
    expect(pageText()).toContain('Check 3 of 7: Access token');
    // The row says the run is on, in words.
    expect(tableRows('Connections')[0]).toContain('Testing…');

    const failed = diagnostics(1, [
      check('capability', 'pass'),
      check('smart', 'pass'),
      check('token', 'fail', { summary: 'No answer from the token endpoint', error: NETWORK_ERROR }),
      check('patient', 'skip', { summary: 'Needs a token' }),
      check('cds', 'skip'),
      check('auditEvent', 'skip'),
      check('tls', 'skip'),
    ]);
    answer(failed);
    await waitFor(() => expect(tableRows('Diagnostics')).toHaveLength(7));
    const rows = tableRows('Diagnostics');
    expect(rows[2]).toContain('Fail');
    expect(rows[2]).toContain('No answer from the token endpoint');
    expect(rows[2]).toContain(`NETWORK · network_unreachable — ${NETWORK_ERROR.guidance}`);
    expect(rows[3]).toContain('Skipped');
    expect(liveTexts('alert').join(' ')).toContain(`Failed at Access token: ${NETWORK_ERROR.guidance}`);
    // The row follows the run at once, before the list from main catches up.
    expect(tableRows('Connections')[0]).toContain('Failed at Access token');
  });

  it('a run started elsewhere shows live too, and ends when the list has it', async () => {
    let list = [connection(1, { name: 'Sandbox EHR' })];
    const api = connectionsConsole(user({ role: 'operator' }), []);
    api.handlers['connections.list'] = () => ok({ connections: list });
    const person = renderApp(api);
    await openSetupTab(person);
    await waitFor(() => expect(pageText()).toContain('Not tested yet. Test now runs the 7 checks'));

    const finished = allPassing(1);
    await push(api, 'connections.testProgress', { runId: finished.runId, connectionId: 1, result: check('capability', 'running') });
    await waitFor(() => expect(tableRows('Diagnostics')[0]).toContain('Running…'));

    list = [connection(1, { name: 'Sandbox EHR' }, { lastTest: finished })];
    await push(api, 'connections.changed', { connectionId: 1, by: 'ada' });
    await waitFor(() => expect(tableRows('Diagnostics')).toHaveLength(7));
    expect(pageText()).toContain('All checks passed');
  });
});

describe('what a connection shows about its transport and credentials', () => {
  const DAY = 24 * 60 * 60_000;

  it('a private key says how long it has been in use, where the key is shown', async () => {
    const jwks = { keys: [{ kty: 'EC', kid: 'k1', alg: 'ES384', use: 'sig', crv: 'P-384', x: 'x', y: 'y' }] };
    const keyCreatedAt = NOW - 322 * DAY - 5 * 60_000;
    const epic = connection(1, { name: 'Epic production', vendor: 'epic', authMode: 'private_key_jwt', clientId: 'vigil' }, { hasSecret: true, publicJwks: jwks, keyCreatedAt });
    const person = renderApp(connectionsConsole(user({ role: 'operator' }), [epic]));
    await openSetupTab(person);
    const jwksPanel = await screen.findByRole('region', { name: 'Public key (JWKS)' });
    expect(textOf(jwksPanel)).toContain(`Key in use since ${localDate(keyCreatedAt)} (322 days).`);
  });

  it('a client secret’s end date, how far off it is, and a plain http:// allowance in words', async () => {
    const cerner = connection(2, {
      name: 'Cerner lab',
      vendor: 'cerner',
      authMode: 'client_secret_basic',
      clientId: 'noc',
      baseUrl: 'http://cerner.hospital.example/r4',
      allowPlainHttp: true,
      clientSecretExpiresAt: NOW + 40 * DAY,
    }, { hasSecret: true });
    const person = renderApp(connectionsConsole(user({ role: 'operator' }), [cerner]));
    await openSetupTab(person);
    const settings = await screen.findByRole('region', { name: 'Settings' });
    expect(textOf(settings)).toContain(`Client secret expires${formatLocalTime(NOW + 40 * DAY, 'from')} (in 40 days)`);
    expect(textOf(settings)).toContain('Plain http://Allowed: tokens, passwords and patient data may cross the network unencrypted');
  });

  it('the server’s own words are quoted apart from Vigil’s, for a role that may see them', async () => {
    const serverText = 'Invalid client assertion:\n  jti already used';
    const failed = diagnostics(1, [check('capability', 'pass'), check('token', 'fail', { error: { ...NETWORK_ERROR, serverText } })]);
    const person = renderApp(connectionsConsole(user({ role: 'support_tech' }), [connection(1, { name: 'Epic' }, { lastTest: failed })]));
    await openSetupTab(person);
    const quote = await screen.findByText((_, el) => el?.tagName === 'BLOCKQUOTE');
    expect(quote.textContent).toBe(serverText);
    expect(quote.closest('figure')?.querySelector('figcaption')?.textContent).toBe('The server said:');
  });

  it('without the server’s words (a role that may not see them) nothing is quoted', async () => {
    const failed = diagnostics(1, [check('token', 'fail', { error: NETWORK_ERROR })]);
    const person = renderApp(connectionsConsole(user({ role: 'operator' }), [connection(1, { name: 'Epic' }, { lastTest: failed })]));
    await openSetupTab(person);
    await waitFor(() => expect(tableRows('Diagnostics')).toHaveLength(1));
    expect(document.querySelector('blockquote')).toBeNull();
    expect(pageText()).not.toContain('The server said');
  });
});

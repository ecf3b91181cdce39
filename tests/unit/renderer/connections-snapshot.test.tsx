// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../src-shared/contract';
import {
  button,
  byLabel,
  cleanup,
  click,
  descriptionOf,
  fill,
  heading,
  navLink,
  ok,
  pageText,
  push,
  renderApp,
  session,
  tableRows,
  user,
  waitFor,
  type FakeVigil,
} from './harness';
import { connection, connectionsConsole, MASKED_SNAPSHOT, REVEALED_SNAPSHOT } from './connection-fixtures';
import { openSetupTab } from './board-fixtures';

afterEach(cleanup);

const PHI = ['Jane Doe', '1970-04-02', '00012321'];

function techConsole() {
  const me = user({ role: 'support_tech', username: 'sam' });
  return connectionsConsole(me, [connection(1, { name: 'Sandbox EHR' }, { sandbox: true })], {
    'session.login': () => ok({ token: 't2', ...session(me) }),
    'ehr.patientSnapshot': (input: ChannelInput<'ehr.patientSnapshot'>) => ok(input.reveal ? REVEALED_SNAPSHOT : MASKED_SNAPSHOT),
  });
}

/** Opens the console and asks for a patient (masked, as always at first). */
async function lookUp(api: FakeVigil, patientId = 'pat-001'): Promise<void> {
  await renderApp(api);
  await openSetupTab();
  await waitFor(() => byLabel('Patient ID'));
  await fill('Patient ID', patientId);
  await click(button('Look up'));
}

async function lookUpAndReveal(api: FakeVigil): Promise<void> {
  await lookUp(api);
  await waitFor(() => button('Reveal (break-glass)'));
  await click(button('Reveal (break-glass)'));
  await fill('Reason', 'Ticket 4411: checking the heart-rate feed');
  await click(button('Reveal'));
  await waitFor(() => expect(pageText()).toContain('Jane Doe'));
}

describe('patient snapshot', () => {
  it('shows the patient masked, with no PHI, and its observations and medications', async () => {
    const api = techConsole();
    await lookUp(api);

    await waitFor(() => expect(pageText()).toContain('Masked'));
    expect(api.callsTo('ehr.patientSnapshot')).toEqual([{ connectionId: 1, patientId: 'pat-001' }]);
    for (const phi of PHI) expect(pageText()).not.toContain(phi);
    expect(pageText()).toContain('J*** D***');
    expect(tableRows('Observations')[0]).toContain('Heart rate');
    expect(tableRows('Medications')[0]).toContain('Metformin 500 mg');
  });

  it('refuses a patient id the contract would refuse, before sending', async () => {
    const api = techConsole();
    await lookUp(api, 'pat 001/../x');
    expect(descriptionOf(byLabel('Patient ID'))).toContain('A FHIR id is 1–64 letters, digits, dashes or dots');
    expect(api.callsTo('ehr.patientSnapshot')).toEqual([]);
  });

  it('Reveal (break-glass) asks for a reason of at least 10 characters, says it is audited, then shows the data', async () => {
    const api = techConsole();
    await lookUp(api);
    await waitFor(() => button('Reveal (break-glass)'));
    await click(button('Reveal (break-glass)'));

    const dialog = document.querySelector('dialog[open]');
    expect(dialog?.textContent).toContain('recorded in the audit log');
    await fill('Reason', 'because');
    await click(button('Reveal'));
    expect(descriptionOf(byLabel('Reason'))).toContain('Say why, in at least 10 characters');
    expect(api.callsTo('ehr.patientSnapshot')).toHaveLength(1);

    await fill('Reason', 'Ticket 4411: checking the heart-rate feed');
    await click(button('Reveal'));
    await waitFor(() => expect(pageText()).toContain('Jane Doe'));
    expect(api.callsTo('ehr.patientSnapshot')[1]).toEqual({
      connectionId: 1,
      patientId: 'pat-001',
      reveal: { reason: 'Ticket 4411: checking the heart-rate feed' },
    });
    expect(document.querySelector('dialog[open]')).toBeNull();
    expect(pageText()).toContain('Patient data shown in clear (break-glass)');

    await click(button('Hide patient data'));
    for (const phi of PHI) expect(pageText()).not.toContain(phi);
  });

  it('revealed data is gone after leaving the screen', async () => {
    const api = techConsole();
    await lookUpAndReveal(api);
    await click(navLink('Account'));
    await waitFor(() => expect(heading()).toBe('Account'));
    await click(navLink('Connections'));
    await waitFor(() => byLabel('Patient ID'));
    for (const phi of PHI) expect(pageText()).not.toContain(phi);
    expect((byLabel('Patient ID') as HTMLInputElement).value).toBe('');
  });

  it('revealed data is gone when the console locks, and does not come back on unlock', async () => {
    const api = techConsole();
    await lookUpAndReveal(api);
    await push(api, 'session.ended', { reason: 'idle' });
    await waitFor(() => expect(heading()).toBe('Console locked'));
    for (const phi of PHI) expect(pageText()).not.toContain(phi);

    await fill('Password', 'the right one');
    await click(button('Unlock'));
    await waitFor(() => byLabel('Patient ID'));
    for (const phi of PHI) expect(pageText()).not.toContain(phi);
    // Nothing was read again behind the user's back.
    expect(api.callsTo('ehr.patientSnapshot')).toHaveLength(2);
  });
});

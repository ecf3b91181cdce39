// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  button,
  descriptionOf,
  fill,
  findButton,
  navLink,
  ok,
  pageText,
  push,
  renderApp,
  session,
  tableRows,
  user,
  type FakeVigil,
} from './harness';
import { connection, connectionsConsole, MASKED_SNAPSHOT, REVEALED_SNAPSHOT } from './connection-fixtures';
import { openSetupTab } from './board-fixtures';

const PHI = ['Jane Doe', '1970-04-02', '00012321'];

function techConsole() {
  const me = user({ role: 'support_tech', username: 'sam' });
  return connectionsConsole(me, [connection(1, { name: 'Sandbox EHR' }, { sandbox: true })], {
    'session.login': () => ok({ token: 't2', ...session(me) }),
    'ehr.patientSnapshot': (input) => ok(input.reveal ? REVEALED_SNAPSHOT : MASKED_SNAPSHOT),
  });
}

const field = (label: string) => screen.getByLabelText(label);

/** Opens the console and asks for a patient (masked, as always at first), pressing Enter in the box. */
async function lookUp(api: FakeVigil, patientId = 'pat-001'): Promise<UserEvent> {
  const person = renderApp(api);
  await openSetupTab(person);
  await fill(person, await screen.findByLabelText('Patient ID'), patientId);
  await person.keyboard('{Enter}');
  return person;
}

async function lookUpAndReveal(api: FakeVigil): Promise<UserEvent> {
  const person = await lookUp(api);
  await person.click(await findButton('Reveal (break-glass)'));
  await fill(person, field('Reason'), 'Ticket 4411: checking the heart-rate feed');
  await person.click(button('Reveal'));
  await waitFor(() => expect(pageText()).toContain('Jane Doe'));
  return person;
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
    expect(descriptionOf(field('Patient ID'))).toContain('A FHIR id is 1–64 letters, digits, dashes or dots');
    expect(api.callsTo('ehr.patientSnapshot')).toEqual([]);
  });

  it('Reveal (break-glass) asks for a reason of at least 10 characters, says it is audited, then shows the data', async () => {
    const api = techConsole();
    const person = await lookUp(api);
    await person.click(await findButton('Reveal (break-glass)'));

    const dialog = screen.getByRole('dialog', { name: 'Reveal patient data (break-glass)' });
    expect(dialog.textContent).toContain('recorded in the audit log');
    // The reason box has focus as the dialog opens.
    expect(document.activeElement).toBe(field('Reason'));
    await fill(person, field('Reason'), 'because');
    await person.click(button('Reveal'));
    expect(descriptionOf(field('Reason'))).toContain('Say why, in at least 10 characters');
    expect(api.callsTo('ehr.patientSnapshot')).toHaveLength(1);

    await fill(person, field('Reason'), 'Ticket 4411: checking the heart-rate feed');
    await person.click(button('Reveal'));
    await waitFor(() => expect(pageText()).toContain('Jane Doe'));
    expect(api.callsTo('ehr.patientSnapshot')[1]).toEqual({
      connectionId: 1,
      patientId: 'pat-001',
      reveal: { reason: 'Ticket 4411: checking the heart-rate feed' },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(pageText()).toContain('Patient data shown in clear (break-glass)');

    await person.click(button('Hide patient data'));
    for (const phi of PHI) expect(pageText()).not.toContain(phi);
  });

  it('revealed data is gone after leaving the screen', async () => {
    const api = techConsole();
    const person = await lookUpAndReveal(api);
    await person.click(navLink('Account'));
    await screen.findByRole('heading', { level: 1, name: 'Account' });
    await person.click(navLink('Connections'));
    await screen.findByLabelText('Patient ID');
    for (const phi of PHI) expect(pageText()).not.toContain(phi);
    expect((field('Patient ID') as HTMLInputElement).value).toBe('');
  });

  it('revealed data is gone when the console locks, and does not come back on unlock', async () => {
    const api = techConsole();
    const person = await lookUpAndReveal(api);
    await push(api, 'session.ended', { reason: 'idle' });
    await screen.findByRole('heading', { level: 1, name: 'Console locked' });
    for (const phi of PHI) expect(pageText()).not.toContain(phi);

    await fill(person, field('Password'), 'the right one');
    await person.click(button('Unlock'));
    await screen.findByLabelText('Patient ID');
    for (const phi of PHI) expect(pageText()).not.toContain(phi);
    // Nothing was read again behind the user's back.
    expect(api.callsTo('ehr.patientSnapshot')).toHaveLength(2);
  });
});

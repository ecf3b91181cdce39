// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract';
import { localDateTime } from '../../../src-renderer/lib/time';
import {
  button,
  descriptionOf,
  fail,
  fill,
  heading,
  liveTexts,
  MINUTE,
  navLinks,
  NOW,
  ok,
  pageText,
  queryButton,
  renderApp,
  signedInAs,
  textOf,
  user,
  type Handlers,
} from './harness';

type Outbound = ChannelOutput<'network.outbound'>;

const METADATA = { host: '169.254.169.254', note: 'Our own metadata proxy for the lab VM', addedBy: 'grace', addedAt: NOW - 3 * 24 * 60 * MINUTE };
const LEGACY = { host: 'fe80::1', note: 'Legacy HL7 bridge on the ward switch', addedBy: 'ada', addedAt: NOW - 90 * MINUTE };

/** Main as Settings → Network sees it: it keeps what it is sent, with who added each host and when. */
function networkConsole(exceptions: Outbound['exceptions'], more: Handlers = {}) {
  let saved: Outbound = { exceptions };
  const api = signedInAs(user({ role: 'admin', username: 'ada' }), {
    'network.outbound': () => ok(saved),
    'network.setOutbound': (input: ChannelInput<'network.setOutbound'>) => {
      const before = new Map(saved.exceptions.map((e) => [e.host, e]));
      saved = {
        exceptions: input.exceptions.map((e) => ({ ...e, addedBy: before.get(e.host)?.addedBy ?? 'ada', addedAt: before.get(e.host)?.addedAt ?? NOW })),
      };
      return ok(saved);
    },
    ...more,
  });
  return api;
}

/** The row of one host, by the name its group carries. */
const row = (name: string) => screen.getByRole('group', { name });

async function openNetwork(api: ReturnType<typeof networkConsole>) {
  const person = renderApp(api, '#/settings/network');
  await screen.findByRole('button', { name: 'Save allowed hosts' });
  return person;
}

describe('Settings → Network', () => {
  it('is an administrator’s, and says what the rules refuse and why before the exceptions', async () => {
    await openNetwork(networkConsole([]));
    expect(heading()).toBe('Network');
    expect(navLinks()).toContain('Network');
    const refused = textOf(screen.getByRole('region', { name: 'What Vigil refuses' }));
    expect(refused).toContain('Link-local addresses');
    expect(refused).toContain('169.254.169.254');
    expect(refused).toContain('metadata.google.internal');
    expect(refused).toContain('cannot make Vigil read a cloud machine’s credentials');
    expect(refused).toContain('private networks stay allowed');
    expect(pageText()).toContain('None: Vigil refuses every address above.');
  });

  it('an operator has no Network, and an address asking for it shows another Settings screen', async () => {
    const api = signedInAs(user({ role: 'operator' }));
    renderApp(api, '#/settings/network');
    await screen.findByRole('navigation', { name: 'Main' });
    expect(navLinks()).not.toContain('Network');
    expect(heading()).not.toBe('Network');
    expect(api.callsTo('network.outbound')).toEqual([]);
  });

  it('lists each allowed host with its note, who added it and when', async () => {
    await openNetwork(networkConsole([METADATA, LEGACY]));
    const metadata = row('169.254.169.254');
    expect(textOf(metadata)).toContain(`Added by grace, ${localDateTime(METADATA.addedAt)} (3 days ago)`);
    expect((within(metadata).getByLabelText('Why it is allowed') as HTMLInputElement).value).toBe(METADATA.note);
    expect(textOf(row('fe80::1'))).toContain('Added by ada');
    // An allowed host keeps its name: to allow another, it is removed and the other added.
    expect(within(metadata).queryByLabelText('Host name or IP address')).toBeNull();
  });

  it('adds a host with its note and saves the whole list; the new host then says who added it', async () => {
    const api = networkConsole([METADATA]);
    const person = await openNetwork(api);
    await person.click(button('Add a host'));
    const added = row('New host 2');
    const host = within(added).getByLabelText('Host name or IP address');
    expect(document.activeElement).toBe(host);
    await fill(person, host, ' Metadata.Lab.Example ');
    await fill(person, within(added).getByLabelText('Why it is allowed'), 'Lab image registry answers on a metadata name');
    expect(pageText()).toContain('Not saved yet');
    await person.click(button('Save allowed hosts'));

    await waitFor(() => expect(api.callsTo('network.setOutbound')).toHaveLength(1));
    expect(api.callsTo('network.setOutbound')[0]).toEqual({
      exceptions: [
        { host: METADATA.host, note: METADATA.note },
        { host: 'metadata.lab.example', note: 'Lab image registry answers on a metadata name' },
      ],
    });
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Saved: 2 hosts are allowed past the rules.'));
    expect(textOf(row('metadata.lab.example'))).toContain(`Added by ada, ${localDateTime(NOW)}`);
    expect(pageText()).not.toContain('Not saved yet');
  });

  it('a note is required and a host must be one, in the contract’s words, next to each field; nothing is sent', async () => {
    const api = networkConsole([]);
    const person = await openNetwork(api);
    await person.click(button('Add a host'));
    await fill(person, within(row('New host 1')).getByLabelText('Host name or IP address'), 'http://169.254.1.1/');
    await person.click(button('Save allowed hosts'));

    const added = row('New host 1');
    const host = within(added).getByLabelText('Host name or IP address');
    expect(descriptionOf(host)).toBe('A host name or IP address: letters, digits, dots, dashes and colons');
    expect(descriptionOf(within(added).getByLabelText('Why it is allowed'))).toBe('Say why this host is allowed');
    expect(document.activeElement).toBe(host);
    expect(api.callsTo('network.setOutbound')).toEqual([]);
  });

  it('a host typed twice is pointed out on the second', async () => {
    const api = networkConsole([METADATA]);
    const person = await openNetwork(api);
    await person.click(button('Add a host'));
    const added = row('New host 2');
    await fill(person, within(added).getByLabelText('Host name or IP address'), '169.254.169.254');
    await fill(person, within(added).getByLabelText('Why it is allowed'), 'again');
    await person.click(button('Save allowed hosts'));
    expect(descriptionOf(within(added).getByLabelText('Host name or IP address'))).toBe('169.254.169.254 is already in the list');
    expect(api.callsTo('network.setOutbound')).toEqual([]);
  });

  it('removing a host moves focus to the one now in its place, and Save sends the list without it', async () => {
    const api = networkConsole([METADATA, LEGACY]);
    const person = await openNetwork(api);
    await person.click(button('Remove 169.254.169.254'));
    expect(queryButton('Remove 169.254.169.254')).toBeNull();
    expect(document.activeElement).toBe(within(row('fe80::1')).getByLabelText('Why it is allowed'));
    await person.click(button('Remove fe80::1'));
    expect(document.activeElement).toBe(button('Add a host'));
    expect(pageText()).toContain('None: Vigil refuses every address above.');
    await person.click(button('Save allowed hosts'));
    await waitFor(() => expect(api.callsTo('network.setOutbound')).toEqual([{ exceptions: [] }]));
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Saved: no host is allowed past the rules.'));
  });

  it('main’s issues land on the field they name, or above the list', async () => {
    const message = 'Say more: at least a few words';
    const api = networkConsole([METADATA, LEGACY], {
      'network.setOutbound': () => fail('INVALID_INPUT', 'The list is not valid.', [{ path: ['exceptions', 1, 'note'], message }]),
    });
    const person = await openNetwork(api);
    await person.click(button('Save allowed hosts'));
    const note = within(row('fe80::1')).getByLabelText('Why it is allowed');
    await waitFor(() => expect(descriptionOf(note)).toBe(message));
    expect(document.activeElement).toBe(note);

    api.handlers['network.setOutbound'] = () => fail('INVALID_INPUT', 'The list is not valid.', [{ path: ['exceptions'], message: 'Each host once' }]);
    await person.click(button('Save allowed hosts'));
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('Each host once'));
  });
});

// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Delivery, NotifyChannel } from '../../../src-shared/contract';
import { alert, channel } from './alerts-fixtures';
import {
  button,
  descriptionOf,
  fail,
  fill,
  fillForm,
  findButton,
  heading,
  liveTexts,
  MINUTE,
  NOW,
  ok,
  renderApp,
  signedInAs,
  tableRows,
  user,
  type Handlers,
} from './harness';

const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/very-secret-token';

/** An administrator's console whose main keeps the channels it is given and answers the log. */
function notifyConsole(channels: NotifyChannel[], more: Handlers = {}) {
  const api = signedInAs(user({ role: 'admin' }), {
    'notify.channels.list': () => ok({ channels }),
    'notify.deliveries': () => ok({ deliveries: [] }),
    'alerts.list': () => ok({ alerts: [] }),
    ...more,
  });
  return api;
}

const field = (label: string) => screen.getByLabelText(label);

/** The notifications screen, and the dialog the named button opens there. */
async function openDialog(api: ReturnType<typeof notifyConsole>, name: string) {
  const person = renderApp(api, '#/settings/notifications');
  await person.click(await findButton(name));
  return { person, dialog: await screen.findByRole('dialog') };
}

describe('notification channels', () => {
  it('lists each channel with its kind, whether it is on, what it is sent and its health in words', async () => {
    const failing = channel('c2', {
      settings: { kind: 'pagerduty', name: 'On-call PagerDuty', enabled: true, minSeverity: 'SEV1', fromLevel: 2, safetyOfficers: false },
      health: { status: 'failing', lastSuccessAt: null, lastFailureAt: NOW - 3 * MINUTE, lastError: 'PagerDuty refused the routing key', consecutiveFailures: 4, pending: 2 },
    });
    const quiet = channel('c3', { settings: { kind: 'desktop', name: 'This desktop', enabled: false, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false }, hasSecret: false });
    const healthy = channel('c1', {
      settings: { kind: 'slack', name: 'NOC Slack', enabled: true, minSeverity: 'SEV2', fromLevel: 1, safetyOfficers: false },
      health: { status: 'ok', lastSuccessAt: NOW - 5 * MINUTE, lastFailureAt: null, lastError: null, consecutiveFailures: 0, pending: 0 },
    });
    renderApp(notifyConsole([healthy, failing, quiet]), '#/settings/notifications');
    await waitFor(() => expect(tableRows('Channels')).toHaveLength(3));
    expect(heading()).toBe('Notifications');
    const [slack, pagerduty, desktop] = tableRows('Channels');
    expect(slack).toContain('Slack');
    expect(slack).toContain('SEV1 and SEV2, at once');
    expect(slack).toContain('OKLast delivered 5 min ago');
    expect(pagerduty).toContain('SEV1 only, from level 2');
    expect(pagerduty).toContain('FailingPagerDuty refused the routing key');
    expect(pagerduty).toContain('Last failure 3 min ago, 4 in a row');
    expect(pagerduty).toContain('2 waiting to be sent');
    expect(desktop).toContain('Off');
    expect(desktop).toContain('Not used yet');
  });

  it('a new Slack channel sends its webhook URL once, and the URL is never shown back', async () => {
    let channels: NotifyChannel[] = [];
    const saved = channel('c1', { settings: { kind: 'slack', name: 'NOC Slack', enabled: true, minSeverity: 'SEV2', fromLevel: 1, safetyOfficers: false }, hasSecret: true });
    const api = notifyConsole([], {
      'notify.channels.create': () => {
        channels = [saved];
        return ok(saved);
      },
      'notify.channels.update': () => ok(saved),
    });
    api.handlers['notify.channels.list'] = () => ok({ channels });
    const { person } = await openDialog(api, 'New channel');
    expect((screen.getByRole('radio', { name: 'Slack' }) as HTMLInputElement).checked).toBe(true);
    expect(descriptionOf(field('Incoming webhook URL'))).toBe('Saved to the keychain; Vigil never shows it again.');
    await fillForm(person, { Name: 'NOC Slack', 'Incoming webhook URL': SLACK_URL, Severities: 'SEV2' });
    await person.click(button('Add channel'));
    await waitFor(() => expect(liveTexts('status')).toContain('Added Slack channel NOC Slack. Send test tries it.'));
    expect(api.callsTo('notify.channels.create')).toEqual([
      { settings: { kind: 'slack', name: 'NOC Slack', enabled: true, minSeverity: 'SEV2', fromLevel: 1, safetyOfficers: false }, secret: SLACK_URL },
    ]);

    await waitFor(() => expect(tableRows('Channels')).toHaveLength(1));
    expect(document.body.innerHTML).not.toContain('very-secret-token');

    await person.click(button('Edit NOC Slack'));
    const secret = field('Incoming webhook URL') as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(descriptionOf(secret)).toBe('Stored in the keychain — leave blank to keep it.');
    // Marked as the safety officers' route: safety incidents go here only.
    const route = field("Safety officers' route") as HTMLInputElement;
    expect(route.checked).toBe(false);
    expect(descriptionOf(route)).toContain('Safety incidents go only to the channels marked so');
    await person.click(route);
    await person.click(button('Save changes'));
    await waitFor(() => expect(api.callsTo('notify.channels.update')).toHaveLength(1));
    // Left blank: the stored URL stays, and none is sent.
    expect(api.callsTo('notify.channels.update')[0]).toEqual({ id: 'c1', settings: { kind: 'slack', name: 'NOC Slack', enabled: true, minSeverity: 'SEV2', fromLevel: 1, safetyOfficers: true } });
    expect(document.body.innerHTML).not.toContain('very-secret-token');
  });

  it('checks the form before sending: a missing URL and a name are asked for by their fields', async () => {
    const api = notifyConsole([]);
    const { person } = await openDialog(api, 'New channel');
    await fill(person, field('Incoming webhook URL'), 'hooks.slack.com/services/T000');
    await person.click(button('Add channel'));
    expect(descriptionOf(field('Name'))).toBe('Enter a name');
    expect(descriptionOf(field('Incoming webhook URL'))).toBe('Enter the whole URL, starting with https://');
    expect(document.activeElement).toBe(field('Name'));
    expect(api.callsTo('notify.channels.create')).toEqual([]);
  });

  it("puts main's INVALID_INPUT next to the field it names", async () => {
    const api = notifyConsole([], {
      'notify.channels.create': () =>
        fail('INVALID_INPUT', 'Check the highlighted fields.', [{ path: ['settings', 'to', 1], message: 'Enter an e-mail address' }]),
    });
    const { person } = await openDialog(api, 'New channel');
    await person.click(screen.getByRole('radio', { name: 'E-mail' }));
    await fillForm(person, {
      Name: 'Ops mail',
      'SMTP host': 'smtp.hospital.org',
      From: 'vigil@hospital.org',
      To: 'noc@hospital.org\nops@hospital.org',
    });
    await person.click(button('Add channel'));
    const to = field('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(to)).toBe('Enter an e-mail address');
    expect(liveTexts('alert')).toEqual([]);
    expect(api.callsTo('notify.channels.create')).toEqual([
      {
        settings: { kind: 'email', name: 'Ops mail', enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false, host: 'smtp.hospital.org', port: 587, security: 'starttls', from: 'vigil@hospital.org', to: ['noc@hospital.org', 'ops@hospital.org'] },
      },
    ]);
  });

  it('Send test shows the failure with the receiver’s answer', async () => {
    const api = notifyConsole([channel('c1', { settings: { kind: 'webhook', name: 'ITSM hook', enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false } })], {
      'notify.channels.test': () => ok({ outcome: 'failed', attempts: 3, status: 502, error: 'the receiver answered 502 Bad Gateway' }),
    });
    const person = renderApp(api, '#/settings/notifications');
    await person.click(await findButton('Send test to ITSM hook'));
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('Test failed after 3 attempts'));
    expect(liveTexts('alert').join(' ')).toContain('HTTP 502: the receiver answered 502 Bad Gateway');
    expect(api.callsTo('notify.channels.test')).toEqual([{ id: 'c1' }]);
  });

  it('Send test says when it was delivered', async () => {
    const api = notifyConsole([channel('c1', { settings: { kind: 'slack', name: 'NOC Slack', enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false } })], {
      'notify.channels.test': () => ok({ outcome: 'delivered', attempts: 1, status: 200 }),
    });
    const person = renderApp(api, '#/settings/notifications');
    await person.click(await findButton('Send test to NOC Slack'));
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Test delivered on the first attempt'));
    expect(liveTexts('status').join(' ')).toContain('HTTP 200');
  });

  it('delete asks first', async () => {
    const api = notifyConsole([channel('c1', { settings: { kind: 'slack', name: 'NOC Slack', enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false } })], {
      'notify.channels.delete': () => ok({}),
    });
    const { person, dialog } = await openDialog(api, 'Delete NOC Slack');
    expect(dialog.textContent).toContain('Its credential is removed from the keychain.');
    expect(api.callsTo('notify.channels.delete')).toEqual([]);
    await person.click(button('Delete channel'));
    await waitFor(() => expect(liveTexts('status')).toContain('Deleted NOC Slack.'));
    expect(api.callsTo('notify.channels.delete')).toEqual([{ id: 'c1' }]);
  });
});

describe('the delivery log', () => {
  it('lists attempts newest first with the alert by name, and filters by channel', async () => {
    const now = NOW;
    const deliveries: Delivery[] = [
      { channelId: 'c2', alertId: 'a1', event: 'triggered', attempt: 2, at: now - MINUTE, outcome: 'failed', status: 535, error: 'authentication failed' },
      { channelId: 'c1', alertId: 'a1', event: 'triggered', attempt: 1, at: now - 2 * MINUTE, outcome: 'delivered', status: 200 },
      { channelId: 'c1', alertId: 'test-1', event: 'test', attempt: 1, at: now - 3 * MINUTE, outcome: 'delivered', status: 200 },
    ];
    const api = notifyConsole(
      [
        channel('c1', { settings: { kind: 'slack', name: 'NOC Slack', enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false } }),
        channel('c2', { settings: { kind: 'email', name: 'Ops mail', enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false, host: 'smtp', port: 587, security: 'starttls', from: 'a@b.org', to: ['c@d.org'] } }),
      ],
      {
        'alerts.list': () => ok({ alerts: [alert('a1', { title: 'Epic production is down' })] }),
        'notify.deliveries': ({ channelId }) => ok({ deliveries: deliveries.filter((d) => !channelId || d.channelId === channelId) }),
      },
    );
    const person = renderApp(api, '#/settings/notifications');
    await waitFor(() => expect(tableRows('Deliveries')).toHaveLength(3));
    const [mail, slack, test] = tableRows('Deliveries');
    expect(mail).toContain('Ops mail');
    expect(mail).toContain('Epic production is down');
    expect(mail).toContain('Failed');
    expect(mail).toContain('SMTP 535: authentication failed');
    expect(slack).toContain('Delivered');
    expect(test).toContain('Test message');

    await fill(person, field('Channel'), 'c1');
    await waitFor(() => expect(tableRows('Deliveries')).toHaveLength(2));
    expect(api.callsTo('notify.deliveries').at(-1)).toEqual({ channelId: 'c1' });
  });
});

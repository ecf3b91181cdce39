// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { button, liveTexts, push, queryButton, renderApp, signedInAs, user } from './harness';

/** The Web Notifications API as far as Vigil uses it, recording what it was asked to show. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(async (): Promise<NotificationPermission> => {
    FakeNotification.permission = 'granted';
    return 'granted';
  });
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

function useNotifications(permission: NotificationPermission) {
  FakeNotification.permission = permission;
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const SEV1 = { title: '[SEV1 triggered] Epic production', body: 'Epic production is down\nSEV1: Patient-safety risk or system down. Respond within 15 minutes.', urgency: 'critical' as const, tag: 'vigil/conn:1/health' };
const SEV2 = { title: '[SEV2 triggered] Cerner lab', body: 'Cerner lab is slow\nSEV2: Major impairment. Respond within 30 minutes.', urgency: 'normal' as const, tag: 'vigil/conn:2/health' };

async function signedIn() {
  const api = signedInAs(user({ role: 'operator' }));
  const person = renderApp(api);
  await screen.findByRole('heading', { level: 1, name: 'Connections' });
  return { api, person };
}

/** The tray's notices, as said: critical ones as alerts, the rest politely. */
const tray = () => screen.getByRole('region', { name: 'Desktop notifications' });
const alertTexts = () => within(tray()).queryAllByRole('alert').map((a) => a.textContent ?? '');
const statusTexts = () => liveTexts('status');

describe('desktop notices in a browser', () => {
  it('shows a system notification when allowed, and always a notice in the page, critical ones as an alert', async () => {
    useNotifications('granted');
    const { api } = await signedIn();
    await push(api, 'notify.desktop', SEV1);

    expect(FakeNotification.shown).toHaveLength(1);
    const [shown] = FakeNotification.shown;
    expect(shown?.title).toBe(SEV1.title);
    expect(shown?.options).toEqual({ body: SEV1.body, tag: SEV1.tag, requireInteraction: true });
    expect(alertTexts().join(' ')).toContain('[SEV1 triggered] Epic production');
    expect(alertTexts().join(' ')).toContain('Respond within 15 minutes.');
    expect(queryButton('Enable desktop notifications')).toBeNull();

    // A click on the system notification brings the console up on Alerts.
    shown?.onclick?.();
    await screen.findByRole('heading', { level: 1, name: 'Alerts' });
    expect(shown?.closed).toBe(true);
  });

  it("an alert's newer notice takes the place of its older one, in the page as in the system", async () => {
    useNotifications('granted');
    const { api } = await signedIn();
    await push(api, 'notify.desktop', SEV1);
    await push(api, 'notify.desktop', SEV2);
    const resolved = { title: '[SEV1 resolved] Epic production', body: 'Epic production is down\nResolved at 2026-11-23 04:22:13 UTC.', urgency: 'low' as const, tag: SEV1.tag };
    await push(api, 'notify.desktop', resolved);
    expect(alertTexts()).toEqual([]);
    expect(statusTexts().join(' ')).toContain('[SEV1 resolved] Epic production');
    expect(statusTexts().join(' ')).toContain('[SEV2 triggered] Cerner lab');
    expect(FakeNotification.shown.map((n) => n.options.tag)).toEqual([SEV1.tag, SEV2.tag, SEV1.tag]);
  });

  it('a notice that is not critical is a polite status, and Dismiss takes it away', async () => {
    useNotifications('granted');
    const { api, person } = await signedIn();
    await push(api, 'notify.desktop', SEV2);
    expect(statusTexts().join(' ')).toContain('[SEV2 triggered] Cerner lab');
    expect(alertTexts()).toEqual([]);
    expect(FakeNotification.shown[0]?.options.requireInteraction).toBe(false);

    await person.click(button('Dismiss [SEV2 triggered] Cerner lab'));
    expect(statusTexts().join(' ')).not.toContain('Cerner lab');
  });

  it('before the browser is asked, offers to enable desktop notifications, and uses them once allowed', async () => {
    useNotifications('default');
    const { api, person } = await signedIn();
    await push(api, 'notify.desktop', SEV2);
    expect(FakeNotification.shown).toEqual([]);
    expect(statusTexts().join(' ')).toContain('Cerner lab is slow');

    await person.click(button('Enable desktop notifications'));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(queryButton('Enable desktop notifications')).toBeNull());

    await push(api, 'notify.desktop', SEV1);
    expect(FakeNotification.shown.map((n) => n.title)).toEqual([SEV1.title]);
    // Two notices now: one way to clear them all.
    await person.click(button('Dismiss all'));
    expect(alertTexts()).toEqual([]);
    expect(statusTexts().join(' ')).not.toContain('Cerner lab');
  });

  it('where the browser blocks them, says so and still shows every notice in the page', async () => {
    useNotifications('denied');
    const { api } = await signedIn();
    await push(api, 'notify.desktop', SEV1);
    expect(FakeNotification.shown).toEqual([]);
    expect(alertTexts().join(' ')).toContain('Epic production is down');
    expect(tray().textContent).toContain('This browser blocks Vigil’s desktop notifications; they show here only.');
  });

  it('a browser without Web Notifications still gets the notice in the page', async () => {
    const { api } = await signedIn();
    expect('Notification' in window).toBe(false);
    await push(api, 'notify.desktop', SEV2);
    expect(statusTexts().join(' ')).toContain('Cerner lab is slow');
    expect(queryButton('Enable desktop notifications')).toBeNull();
  });
});

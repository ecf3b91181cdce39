/** The Electron desktop notifier with Electron's Notification class stubbed out, and the real notifier behind it. */
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronDesktopNotifier, type NotificationClass } from '../../../src-main/electron/desktop-notifier';
import { createLogger } from '../../../src-main/log';
import type { DeliveryAttempt } from '../../../src-main/notify/delivery-log';
import { DesktopUnavailableError } from '../../../src-main/notify/desktop';
import { createNotifier } from '../../../src-main/notify/notifier';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { OutboundGuard } from '../../../src-main/net';

/** Records every notification made and shown; `supported` is what isSupported() answers. */
function stubNotificationClass(supported: boolean) {
  const made: NotificationConstructorOptions[] = [];
  const closed: string[] = [];
  let shownCount = 0;
  const StubNotification = class {
    static isSupported(): boolean {
      return supported;
    }
    constructor(private readonly options: NotificationConstructorOptions) {
      made.push(options);
    }
    show(): void {
      shownCount++;
    }
    close(): void {
      closed.push(this.options.title ?? '');
    }
  } satisfies NotificationClass;
  return { StubNotification, made, closed, shown: () => shownCount };
}

const noSecrets: SecretStore = { service: 'unused', get: async () => null, set: async () => {}, delete: async () => false, list: async () => [] };

describe('the Electron desktop notifier', () => {
  it('shows one native notification per notice, with its title, body and urgency', async () => {
    const stub = stubNotificationClass(true);
    const desktop = electronDesktopNotifier(stub.StubNotification);
    await desktop.show({ title: '[SEV2 triggered] Epic Production', body: 'DOWN\nRespond within 30 minutes.', urgency: 'normal', tag: 'vigil/conn:1/health' });
    expect(stub.made).toEqual([{ title: '[SEV2 triggered] Epic Production', body: 'DOWN\nRespond within 30 minutes.', urgency: 'normal', timeoutType: 'default' }]);
    expect(stub.shown()).toBe(1);
  });

  it('keeps a critical notice on screen until dismissed', async () => {
    const stub = stubNotificationClass(true);
    await electronDesktopNotifier(stub.StubNotification).show({ title: 't', body: 'b', urgency: 'critical', tag: 'a' });
    expect(stub.made[0]).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
  });

  it("closes an alert's earlier notification when a newer one for it is shown, and leaves other alerts' alone", async () => {
    const stub = stubNotificationClass(true);
    const desktop = electronDesktopNotifier(stub.StubNotification);
    await desktop.show({ title: '[SEV1 triggered] Epic', body: 'b', urgency: 'critical', tag: 'vigil/conn:1/health' });
    await desktop.show({ title: '[SEV2 triggered] Lab', body: 'b', urgency: 'normal', tag: 'vigil/conn:2/health' });
    await desktop.show({ title: '[SEV1 resolved] Epic', body: 'b', urgency: 'low', tag: 'vigil/conn:1/health' });
    expect(stub.closed).toEqual(['[SEV1 triggered] Epic']);
    expect(stub.shown()).toBe(3);
  });

  it('rejects with a clear error where the desktop has no notifications, showing nothing', async () => {
    const stub = stubNotificationClass(false);
    const shown = electronDesktopNotifier(stub.StubNotification).show({ title: 't', body: 'b', urgency: 'low', tag: 'a' });
    await expect(shown).rejects.toBeInstanceOf(DesktopUnavailableError);
    await expect(shown).rejects.toThrow('this desktop does not support notifications');
    expect(stub.made).toEqual([]);
  });

  it('makes the desktop channel fail at once, with that error, in its health and the delivery log', async () => {
    const stub = stubNotificationClass(false);
    const entries: DeliveryAttempt[] = [];
    const notifier = createNotifier({
      outbound: new OutboundGuard(),
      channels: { get: (id) => (id === 'desktop' ? { id, kind: 'desktop', name: 'This console' } : undefined) },
      secrets: noSecrets,
      deliveryLog: { record: (e) => void entries.push(e) },
      log: createLogger({ sink: () => {} }),
      desktop: electronDesktopNotifier(stub.StubNotification),
      sleep: async () => {},
    });
    try {
      const result = await notifier.sendTest('desktop');
      expect(result).toEqual({ outcome: 'failed', attempts: 1, error: expect.stringContaining('does not support notifications') });
      expect(notifier.health('desktop')).toMatchObject({ status: 'failing', lastError: result.error });
      expect(entries).toMatchObject([{ channelId: 'desktop', event: 'test', attempt: 1, outcome: 'failed', error: result.error }]);
    } finally {
      await notifier.close();
    }
  });
});

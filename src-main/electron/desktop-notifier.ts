/**
 * The desktop channel in the Electron app: one native notification per
 * notice. The class comes in as a parameter, so the adapter is tested with a
 * stub where the Electron binary cannot run.
 */
import type { NotificationConstructorOptions } from 'electron';
import { DesktopUnavailableError, type DesktopNotifier } from '../notify';

/** What this adapter uses of Electron's Notification class. */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): { show(): void; close(): void };
}

/** More open alerts than this at once is a storm; the oldest notifications are left to the desktop to expire. */
const MAX_TRACKED = 200;

export function electronDesktopNotifier(Notification: NotificationClass): DesktopNotifier {
  // Electron has no tag: the alert's last notification is closed by hand when a newer one replaces it.
  const shown = new Map<string, InstanceType<NotificationClass>>();
  return {
    show: async ({ title, body, urgency, tag }) => {
      // Checked per notice: a desktop session can lose its notification daemon while Vigil runs.
      if (!Notification.isSupported()) {
        throw new DesktopUnavailableError('this desktop does not support notifications (no notification service is running for this session)');
      }
      // A critical notice stays until dismissed where the platform lets it time out (Linux, Windows).
      const notification = new Notification({ title, body, urgency, timeoutType: urgency === 'critical' ? 'never' : 'default' });
      shown.get(tag)?.close();
      shown.delete(tag);
      notification.show();
      // Only the latest per alert, and only while it can still be on screen: a closed alert's last word stays until replaced.
      shown.set(tag, notification);
      if (shown.size > MAX_TRACKED) shown.delete(shown.keys().next().value as string);
    },
  };
}

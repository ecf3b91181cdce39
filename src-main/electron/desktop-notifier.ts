/**
 * The desktop channel in the Electron app: one native notification per
 * notice. The class comes in as a parameter, so the adapter is tested with a
 * stub where the Electron binary cannot run.
 */
import type { NotificationConstructorOptions } from 'electron';
import { DesktopUnavailableError, type DesktopNotifier } from '../notify/desktop';

/** What this adapter uses of Electron's Notification class. */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): { show(): void };
}

export function electronDesktopNotifier(Notification: NotificationClass): DesktopNotifier {
  return {
    show: async ({ title, body, urgency }) => {
      // Checked per notice: a desktop session can lose its notification daemon while Vigil runs.
      if (!Notification.isSupported()) {
        throw new DesktopUnavailableError('this desktop does not support notifications (no notification service is running for this session)');
      }
      // A critical notice stays until dismissed where the platform lets it time out (Linux, Windows).
      new Notification({ title, body, urgency, timeoutType: urgency === 'critical' ? 'never' : 'default' }).show();
    },
  };
}

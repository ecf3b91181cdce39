/**
 * Desktop notifications. Main never imports Electron here: the Electron
 * adapter (a Notification per call) and the browser host (forwarding to the
 * page) both implement DesktopNotifier.
 */
import { title, urgencyLine, type Notice } from './notice';
import { permanent, retryable, type SendContext, type SendOutcome } from './send-outcome';

export interface DesktopNotification {
  title: string;
  body: string;
  /** Electron's values; "critical" stays on screen until dismissed on most desktops. */
  urgency: 'low' | 'normal' | 'critical';
}

export interface DesktopNotifier {
  show(n: DesktopNotification): void | Promise<void>;
}

function urgency(n: Notice): DesktopNotification['urgency'] {
  if (n.test || n.event !== 'triggered') return 'low';
  return n.severity === 'SEV1' ? 'critical' : n.severity === 'SEV2' ? 'normal' : 'low';
}

export function desktopNotification(n: Notice): DesktopNotification {
  return { title: title(n), body: `${n.summary}\n${urgencyLine(n)}`, urgency: urgency(n) };
}

export async function sendDesktop(n: Notice, ctx: SendContext): Promise<SendOutcome> {
  if (!ctx.desktop) return permanent('this Vigil process has no desktop to show notifications on');
  try {
    await ctx.desktop.show(desktopNotification(n));
    return { ok: true };
  } catch (err) {
    return retryable(`the desktop refused the notification (${(err as Error).name || 'error'})`);
  }
}

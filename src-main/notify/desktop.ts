/**
 * Desktop notifications. Main never imports Electron here: the Electron
 * adapter (a Notification per call) and the browser host (forwarding to the
 * page) both implement DesktopNotifier.
 */
import type { DesktopNotice } from '../../src-shared/contract';
import { title, urgencyLine, type Notice } from './notice';
import { permanent, retryable, type SendContext, type SendOutcome } from './send-outcome';

/** The contract's shape, so what Electron shows and what a browser console receives are one. */
export type DesktopNotification = DesktopNotice;

export interface DesktopNotifier {
  show(n: DesktopNotification): void | Promise<void>;
}

/**
 * Thrown by a notifier whose desktop cannot show notifications at all: no
 * retry can help, so the attempt fails at once and its message (written by
 * the adapter, never quoting a secret) is what Settings shows.
 */
export class DesktopUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesktopUnavailableError';
  }
}

function urgency(n: Notice): DesktopNotification['urgency'] {
  if (n.test || n.event !== 'triggered') return 'low';
  return n.severity === 'SEV1' ? 'critical' : n.severity === 'SEV2' ? 'normal' : 'low';
}

export function desktopNotification(n: Notice): DesktopNotification {
  return { title: title(n), body: `${n.summary}\n${urgencyLine(n)}`, urgency: urgency(n), tag: n.dedupKey };
}

export async function sendDesktop(n: Notice, ctx: SendContext): Promise<SendOutcome> {
  if (!ctx.desktop) return permanent('this Vigil process has no desktop to show notifications on');
  try {
    await ctx.desktop.show(desktopNotification(n));
    return { ok: true };
  } catch (err) {
    if (err instanceof DesktopUnavailableError) return permanent(err.message);
    return retryable(`the desktop refused the notification (${(err as Error).name || 'error'})`);
  }
}

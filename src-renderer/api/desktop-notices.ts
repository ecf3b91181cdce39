import { useCallback, useEffect, useRef, useState } from 'react';
import type { DesktopNotice } from '../../src-shared/contract';
import { useVigilEvents } from './vigil-context';

/** The browser's answer, or that it has no Web Notifications at all. */
export type NoticePermission = NotificationPermission | 'unsupported';

export interface ShownNotice extends DesktopNotice {
  id: number;
  receivedAt: number;
}

function currentPermission(): NoticePermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** A system notification, replacing the system's earlier one for the same alert; a click brings this window forward on the Alerts screen. */
function showSystemNotification(notice: DesktopNotice): void {
  try {
    const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag, requireInteraction: notice.urgency === 'critical' });
    shown.onclick = () => {
      window.focus();
      window.location.hash = '#/alerts';
      shown.close();
    };
  } catch {
    // Some browsers allow only service-worker notifications and throw here; the in-app notice below still shows.
  }
}

/**
 * The desktop notifications main sends to consoles in a browser
 * (notify.desktop; Electron shows its own and never sends it). Each is shown
 * by the system when the browser allows it, and always in the page as well,
 * so a blocked or missed system notification loses nothing. Asking for
 * permission needs a click, so `requestPermission` is for a button.
 */
export function useDesktopNotices() {
  const on = useVigilEvents();
  const [notices, setNotices] = useState<ShownNotice[]>([]);
  const [permission, setPermission] = useState<NoticePermission>(currentPermission);
  const nextId = useRef(1);

  useEffect(
    () =>
      on('notify.desktop', (notice) => {
        // Read afresh: the permission can change in the browser's own settings at any time.
        const now = currentPermission();
        setPermission(now);
        if (now === 'granted') showSystemNotification(notice);
        const id = nextId.current++;
        // The alert's newest notice replaces its older ones: "resolved" takes the place of "triggered".
        setNotices((shown) => [{ ...notice, id, receivedAt: Date.now() }, ...shown.filter((n) => n.tag !== notice.tag)]);
      }),
    [on],
  );

  const dismiss = useCallback((id: number) => setNotices((shown) => shown.filter((n) => n.id !== id)), []);
  const dismissAll = useCallback(() => setNotices([]), []);
  const requestPermission = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, []);

  return { notices, permission, dismiss, dismissAll, requestPermission };
}

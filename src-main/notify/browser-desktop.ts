/**
 * Desktop notifications where Vigil runs as the browser host: the main
 * process has no screen of its own, so each notice goes to the consoles in a
 * browser as the contract's notify.desktop event and the page shows it
 * (audience alerts.read, as for the alerts themselves). With no console open
 * the event reaches no one; the delivery still counts, as a notification
 * shown to an empty room does on a desktop.
 */
import type { EventBus } from '../events';
import type { DesktopNotifier } from './desktop';

export function browserDesktop(events: EventBus): DesktopNotifier {
  return {
    show: (notice) => events.emit('notify.desktop', notice),
  };
}

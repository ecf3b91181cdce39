import { useDesktopNotices, type NoticePermission, type ShownNotice } from '../../api/desktop-notices';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { screenHref } from '../../frame/screens';
import { localTimeOfDay } from '../../lib/time';

/** More would push the screen down too far; the rest wait behind a count, and every one is on the Alerts screen anyway. */
const SHOWN = 3;

function NoticeItem({ notice, onDismiss }: { notice: ShownNotice; onDismiss: (id: number) => void }) {
  // Main writes the summary first and who must do what by when on the next line.
  const [summary, ...rest] = notice.body.split('\n');
  return (
    <li className={`tray-notice tray-notice-${notice.urgency}`}>
      <Icon name={notice.urgency === 'critical' ? 'warning' : 'info'} />
      <p className="tray-text">
        <strong>{notice.title}</strong> {summary}
        {rest.length > 0 && <span className="tray-line">{rest.join(' ')}</span>}
      </p>
      <span className="tray-time">{localTimeOfDay(notice.receivedAt)}</span>
      <a href={screenHref('alerts')}>Open Alerts</a>
      <Button variant="link" onClick={() => onDismiss(notice.id)}>
        Dismiss<span className="visually-hidden"> {notice.title}</span>
      </Button>
    </li>
  );
}

function PermissionOffer({ permission, onEnable }: { permission: NoticePermission; onEnable: () => void }) {
  if (permission === 'default') {
    return (
      <span className="tray-permission">
        <span>Get these as desktop notifications too, in other windows:</span>
        <Button variant="link" onClick={onEnable}>
          Enable desktop notifications
        </Button>
      </span>
    );
  }
  if (permission === 'denied') return <span className="tray-permission">This browser blocks Vigil’s desktop notifications; they show here only.</span>;
  return null;
}

/**
 * Desktop notifications inside the page, for consoles in a browser, in a
 * tray under the header: it pushes the screen down instead of covering it,
 * and takes no room while empty. Critical ones are an alert (announced as
 * it appears), the rest go to a polite region that stays in the page so
 * what arrives in it is announced too. Each stays until dismissed.
 */
export function DesktopNotices() {
  const { notices, permission, dismiss, dismissAll, requestPermission } = useDesktopNotices();
  const shown = notices.slice(0, SHOWN);
  const critical = shown.filter((n) => n.urgency === 'critical');
  const item = (n: ShownNotice) => <NoticeItem key={n.id} notice={n} onDismiss={dismiss} />;
  return (
    <section className="notice-tray" aria-label="Desktop notifications">
      {critical.length > 0 && (
        <div role="alert">
          <ul className="tray-list">{critical.map(item)}</ul>
        </div>
      )}
      <div role="status">
        <ul className="tray-list">{shown.filter((n) => n.urgency !== 'critical').map(item)}</ul>
      </div>
      {notices.length > 0 && (
        <div className="tray-footer">
          <PermissionOffer permission={permission} onEnable={() => void requestPermission()} />
          {notices.length > SHOWN && <span>{notices.length - SHOWN} earlier not shown</span>}
          {notices.length > 1 && (
            <Button variant="link" onClick={dismissAll}>
              Dismiss all
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

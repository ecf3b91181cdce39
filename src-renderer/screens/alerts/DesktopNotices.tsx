import { useDesktopNotices, type NoticePermission, type ShownNotice } from '../../api/desktop-notices';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { screenHref } from '../../frame/screens';
import { localDateTime } from './time-words';

/** More would cover the screen; the rest wait behind a count, and every one is on the Alerts screen anyway. */
const SHOWN = 4;

function NoticeToast({ notice, onDismiss }: { notice: ShownNotice; onDismiss: (id: number) => void }) {
  return (
    <div className={`toast toast-${notice.urgency}`}>
      <Icon name={notice.urgency === 'critical' ? 'warning' : 'info'} />
      <div className="toast-body">
        <p className="toast-title">{notice.title}</p>
        <p className="toast-text">{notice.body}</p>
        <p className="toast-meta">
          <span>{localDateTime(notice.receivedAt)}</span>
          <a href={screenHref('alerts')}>Open Alerts</a>
        </p>
      </div>
      <Button variant="link" onClick={() => onDismiss(notice.id)}>
        Dismiss<span className="visually-hidden"> {notice.title}</span>
      </Button>
    </div>
  );
}

function PermissionLine({ permission, onEnable }: { permission: NoticePermission; onEnable: () => void }) {
  if (permission === 'default') {
    return (
      <div className="toast toast-prompt">
        <p>Show these as desktop notifications too, so they reach you in other windows.</p>
        <Button variant="primary" onClick={onEnable}>
          Enable desktop notifications
        </Button>
      </div>
    );
  }
  if (permission === 'denied') return <p className="toast toast-prompt">This browser blocks Vigil’s desktop notifications; they show here only.</p>;
  return null;
}

/**
 * Desktop notifications inside the page, for consoles in a browser: critical
 * ones in an alert (announced as it appears), the rest in a polite region
 * that stays in the page, empty, so what arrives in it is announced too.
 * Each stays until dismissed.
 */
export function DesktopNotices() {
  const { notices, permission, dismiss, dismissAll, requestPermission } = useDesktopNotices();
  const shown = notices.slice(0, SHOWN);
  const critical = shown.filter((n) => n.urgency === 'critical');
  const toast = (n: ShownNotice) => <NoticeToast key={n.id} notice={n} onDismiss={dismiss} />;
  return (
    <div className="desktop-notices">
      {critical.length > 0 && <div role="alert">{critical.map(toast)}</div>}
      <div role="status">{shown.filter((n) => n.urgency !== 'critical').map(toast)}</div>
      {notices.length > 0 && (
        <>
          <PermissionLine permission={permission} onEnable={() => void requestPermission()} />
          {notices.length > 1 && (
            <div className="toast-more">
              {notices.length > SHOWN && <span>{notices.length - SHOWN} more</span>}
              <Button onClick={dismissAll}>Dismiss all</Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

import type { BoardTile, MaintenanceWindow } from '../../../src-shared/monitoring';
import { formatSpan, localMoment, localRange } from '../../lib/time';
import { nextWindowsText } from '../settings/maintenance/cron-hint';

/** When a window falls, as Settings → Maintenance windows writes it. */
function WindowWhen({ window }: { window: MaintenanceWindow }) {
  if (window.kind === 'once') return <>{localRange(window.start, window.end)}</>;
  const next = nextWindowsText(window.cron, window.timezone, window.durationMs);
  return (
    <>
      <code>{window.cron}</code> in {window.timezone}, for {formatSpan(window.durationMs)}
      {next && <span className="cell-note">{next}</span>}
    </>
  );
}

/**
 * The maintenance windows that cover this target (its own and those for
 * every target), read-only: they are planned under Settings → Maintenance windows.
 */
export function WindowsPanel({ windows, current, now }: { windows: MaintenanceWindow[]; current: BoardTile['maintenance']; now: number }) {
  return (
    <section className="panel detail-panel" aria-labelledby="windows-title">
      <h3 id="windows-title">Maintenance windows</h3>
      {windows.length === 0 ? (
        <p className="muted">None planned. While a window is on, this target raises no alerts.</p>
      ) : (
        <ul className="window-list">
          {windows.map((w) => (
            <li key={w.id}>
              <p className="window-when">
                <WindowWhen window={w} />
              </p>
              <p className="window-tags">
                {w.targetId === null && <span className="tag">All targets</span>}
                {current?.windowId === w.id && <span className="tag board-tag-info">On now, until {localMoment(current.until, now)}</span>}
              </p>
              {w.note && <p className="window-note muted">{w.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

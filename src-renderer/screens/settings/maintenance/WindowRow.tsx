import type { ChannelOutput } from '../../../../src-shared/contract';
import { Button } from '../../../components/Button';
import { StatusLabel } from '../../../components/StatusLabel';
import { formatSpan, localMoment, localRange } from '../../../lib/time';

export type ListedWindow = ChannelOutput<'maintenance.list'>['windows'][number];

export const WINDOW_COLUMNS = ['Target', 'When', 'Note', 'Status', 'Actions'] as const;

function When({ listed }: { listed: ListedWindow }) {
  const { window, next } = listed;
  if (window.kind === 'once') return <>{localRange(window.start, window.end)}</>;
  return (
    <>
      <code>{window.cron}</code> in {window.timezone}, for {formatSpan(window.durationMs)}
      {next && <span className="cell-note">Next: {localRange(next.start, next.end)}</span>}
    </>
  );
}

/** On now (until when), still to come (from when), or over for good. */
function WindowStatus({ listed, now }: { listed: ListedWindow; now: number }) {
  const { active, next } = listed;
  if (active) {
    return (
      <>
        <StatusLabel tone="warn" icon="shield">
          Active now
        </StatusLabel>
        {next && <span className="cell-note">until {localMoment(next.end, now)}</span>}
      </>
    );
  }
  if (next) {
    return (
      <>
        <StatusLabel tone="muted" icon="info">
          Upcoming
        </StatusLabel>
        <span className="cell-note">starts in {formatSpan(next.start - now)}</span>
      </>
    );
  }
  return <span className="muted">Ended</span>;
}

export function WindowRow({ listed, targetName, now, onDelete }: { listed: ListedWindow; targetName: string; now: number; onDelete: () => void }) {
  return (
    <tr className={listed.active ? 'row-active-window' : undefined}>
      <th scope="row">{targetName}</th>
      <td>
        <When listed={listed} />
      </td>
      <td>{listed.window.note || <span className="muted">—</span>}</td>
      <td className="nowrap">
        <WindowStatus listed={listed} now={now} />
      </td>
      <td className="shrink">
        <Button variant="danger" icon="trash" onClick={onDelete}>
          Delete<span className="visually-hidden"> the window for {targetName}</span>
        </Button>
      </td>
    </tr>
  );
}

import type { WallDisplay } from '../../../../src-shared/contract';
import { Button } from '../../../components/Button';
import { StatusLabel } from '../../../components/StatusLabel';
import { TimeAgo } from '../../../components/TimeAgo';
import { localClock, localDateTime } from '../../../lib/time';

export const DISPLAY_COLUMNS = ['Display', 'Pairing', 'Last contact', { label: 'Actions', className: 'shrink' }] as const;

/** A wall asks at least every 15 s; this long without a word and something is wrong with it (off, unplugged, no network). */
const QUIET_AFTER_MS = 2 * 60_000;

function Pairing({ display, now }: { display: WallDisplay; now: number }) {
  const codeOut = display.codeExpiresAt !== null && display.codeExpiresAt > now;
  if (display.state === 'paired') {
    return (
      <>
        <StatusLabel tone="ok" icon="check">
          Paired
        </StatusLabel>
        {display.pairedAt !== null && <span className="cell-note">{localDateTime(display.pairedAt)}</span>}
        {codeOut && <span className="cell-note">A new code is out until {localClock(display.codeExpiresAt!)}</span>}
      </>
    );
  }
  if (display.state === 'waiting') {
    return (
      <>
        <StatusLabel tone="warn" icon="info">
          Waiting for its code
        </StatusLabel>
        <span className="cell-note">until {localClock(display.codeExpiresAt!)}</span>
      </>
    );
  }
  return (
    <StatusLabel tone="muted" icon="info">
      Code ran out
    </StatusLabel>
  );
}

function LastContact({ display, now }: { display: WallDisplay; now: number }) {
  if (display.lastContactAt === null) return <span className="muted">Never</span>;
  const quiet = display.state === 'paired' && now - display.lastContactAt > QUIET_AFTER_MS;
  return (
    <>
      {quiet ? (
        <StatusLabel tone="bad" icon="warning">
          Silent
        </StatusLabel>
      ) : (
        display.connected && (
          <StatusLabel tone="ok" icon="check">
            Connected
          </StatusLabel>
        )
      )}
      <span className="cell-note">
        <TimeAgo at={display.lastContactAt} now={now} />
      </span>
    </>
  );
}

export function DisplayRow({ display, now, onNewCode, onRemove, newCodePending }: { display: WallDisplay; now: number; onNewCode: () => void; onRemove: () => void; newCodePending: boolean }) {
  return (
    <tr>
      <th scope="row">
        {display.name}
        <span className="cell-note">
          Added by {display.createdBy}, {localDateTime(display.createdAt)}
        </span>
      </th>
      <td className="nowrap">
        <Pairing display={display} now={now} />
      </td>
      <td className="nowrap">
        <LastContact display={display} now={now} />
      </td>
      <td className="shrink">
        <div className="row-actions">
          <Button icon="key" pending={newCodePending} onClick={onNewCode}>
            New code<span className="visually-hidden"> for {display.name}</span>
          </Button>
          <Button variant="danger" icon="trash" onClick={onRemove}>
            Remove<span className="visually-hidden"> {display.name}</span>
          </Button>
        </div>
      </td>
    </tr>
  );
}

import { Icon } from '../../components/Icon';
import { localClock, localDate, localTimeOfDay } from '../../lib/time';
import { useNow } from '../../lib/use-now';

/**
 * The time, and how fresh the board is: "Updated 14:05:09", or, once the
 * wall has heard nothing for longer than `staleAfterMs`, that it may be out
 * of date, in words and with an icon. Its own component, so the second hand
 * redraws only this.
 */
export function WallClock({ updatedAt, staleAfterMs }: { updatedAt: number | null; staleAfterMs: number }) {
  const now = useNow(1_000);
  const stale = updatedAt !== null && now - updatedAt > staleAfterMs;
  return (
    <div className="wall-clock">
      <p className="wall-time">
        <time>{localClock(now)}</time> <span className="wall-date">{localDate(now)}</span>
      </p>
      <p className={stale ? 'wall-updated wall-stale' : 'wall-updated'}>
        {stale && <Icon name="warning" />}
        {updatedAt === null ? 'Waiting for the board…' : stale ? `Not updated since ${localTimeOfDay(updatedAt)}` : `Updated ${localTimeOfDay(updatedAt)}`}
      </p>
    </div>
  );
}

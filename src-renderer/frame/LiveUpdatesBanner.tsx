import { useLiveUpdates, PAUSED_REFRESH_MS } from '../api/use-live-updates';
import { Icon } from '../components/Icon';
import { useDoneMessage } from '../lib/use-dialogs';
import { useNow } from '../lib/use-now';
import { formatDuration, isoOf, localDateTime, localTimeOfDay, sameLocalDay } from '../lib/time';

/**
 * Across the top of the console while main's events are not arriving, in
 * letters to read from across the room: the screen may be out of date, and
 * since when. One polite live region that stays in the page, so a screen
 * reader hears the pause and the return without being interrupted.
 */
export function LiveUpdatesBanner() {
  const resumed = useDoneMessage();
  const live = useLiveUpdates(() => resumed.show(`Live updates resumed at ${localTimeOfDay(Date.now())}; the screen was refreshed.`));
  const now = useNow();
  return (
    <div role="status" className="live-updates">
      {live.paused ? (
        <div className="live-banner">
          <Icon name="warning" />
          <div>
            <p className="live-banner-title">
              Live updates paused — reconnecting; last update{' '}
              <time dateTime={isoOf(live.lastUpdate)}>
                {sameLocalDay(live.lastUpdate, now) ? localTimeOfDay(live.lastUpdate) : localDateTime(live.lastUpdate)}
              </time>
            </p>
            <p className="live-banner-note">
              What is shown may be out of date. This screen is asked for again every {formatDuration(PAUSED_REFRESH_MS / 1000)} until updates
              resume.
            </p>
          </div>
        </div>
      ) : (
        resumed.message && (
          <p className="live-resumed">
            <Icon name="check" />
            <span>{resumed.message}</span>
          </p>
        )
      )}
    </div>
  );
}

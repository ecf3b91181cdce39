/**
 * Tells the walls when what they show has changed (display.changed), at
 * most once a second: a sandbox outage turns thousands of targets at once,
 * and each wall should ask for the board once, not thousands of times. The
 * walls cannot hear the console's own events, which carry reasons and
 * titles no wall may show.
 */
import type { EventName } from '../../src-shared/contract';
import type { EventBus } from '../events';

const CHANGES: ReadonlySet<EventName> = new Set(['monitor.status', 'alert.opened', 'alert.updated', 'connections.changed']);
export const WALL_FEED_DELAY_MS = 1_000;

export function startWallFeed(deps: { events: EventBus; anyWall: () => boolean }): () => void {
  let timer: NodeJS.Timeout | null = null;
  const unsubscribe = deps.events.subscribe(({ event }) => {
    if (!CHANGES.has(event) || timer !== null || !deps.anyWall()) return;
    timer = setTimeout(() => {
      timer = null;
      deps.events.emit('display.changed', {});
    }, WALL_FEED_DELAY_MS);
    timer.unref();
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

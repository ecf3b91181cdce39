/**
 * The wall displays service: screens in a NOC that show the status board and
 * the active alerts read-only, paired by an admin with a one-time code and
 * kept by a secret of the wall's browser (see src-shared/contract/displays.ts).
 * Started after the monitor, whose board and alerts it shows.
 */
import type { ServiceModule } from '../service-module';
import { DisplaysService, type DisplaysDeps } from './displays-service';
import { displayHandlers } from './handlers';
import { startWallFeed } from './wall-feed';

export type { DisplaysDeps } from './displays-service';

export function createDisplaysModule(deps: DisplaysDeps): ServiceModule {
  const service = new DisplaysService(deps);
  const stopFeed = startWallFeed({ events: deps.events, anyWall: () => deps.sessions.hasDisplays() });
  return {
    name: 'displays',
    handlers: displayHandlers(service),
    api: undefined,
    close: stopFeed,
  };
}

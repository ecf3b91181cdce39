/**
 * The knowledge base: the articles Vigil ships (resources/kb, brought in at
 * start, a newer shipped version replacing an unedited copy), local
 * articles and edits with every revision kept, FTS5 search, suggestions by
 * error code and text, and helpful votes.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { KbArticleSummary } from '../../src-shared/contract';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { MonitorApi } from '../monitor';
import type { ServiceModule } from '../service-module';
import { kbHandlers } from './handlers';
import { KbRepo } from './kb-repo';
import { KbService } from './kb-service';
import { SHIPPED_KB_DIR, shippedArticles } from './shipped';
import { codesIn } from './symptoms';

export { loadShipped, SHIPPED_KB_DIR } from './shipped';
export { parseArticle } from './front-matter';

export interface KbDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  monitor: Pick<MonitorApi, 'alert'>;
  /** Where the shipped articles are; resources/kb by default. */
  shippedDir?: string;
}

export interface KbApi {
  /** Articles for these codes first, then for the text. */
  suggest(codes: readonly string[], text: string, limit: number): KbArticleSummary[];
  /** The codes (with an article) a text points at: written out, or by their symptoms. */
  codesIn(text: string): string[];
}

export function createKbModule(deps: KbDeps): ServiceModule<KbApi> {
  const repo = new KbRepo(deps.db);
  const now = deps.clock.now();
  for (const article of shippedArticles(deps.shippedDir ?? SHIPPED_KB_DIR, deps.log)) repo.importShipped(article, now);
  const service = new KbService(repo);
  return {
    name: 'kb',
    handlers: kbHandlers({ repo, service, events: deps.events, clock: deps.clock, monitor: deps.monitor }),
    api: {
      suggest: (codes, text, limit) => service.suggest(codes, text, limit),
      codesIn: (text) => codesIn(text, service.known()),
    },
    close: () => {},
  };
}

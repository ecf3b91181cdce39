/** Contract handlers for the knowledge base. */
import { KB_CATEGORIES, KB_CATEGORY_LABELS, type KbArticle } from '../../src-shared/contract';
import { auditTarget } from '../audit';
import type { Clock } from '../clock';
import { DispatchError, type HandlerContext, type HandlerTable } from '../dispatch';
import type { EventBus } from '../events';
import type { MonitorApi } from '../monitor';
import { KbConflictError, KbNotFoundError, type KbRepo } from './kb-repo';
import type { KbService } from './kb-service';
import { alertCodes } from './symptoms';

export type KbChannels = 'kb.search' | 'kb.list' | 'kb.get' | 'kb.suggest' | 'kb.vote' | 'kb.create' | 'kb.update' | 'kb.history';

export interface KbHandlerDeps {
  repo: KbRepo;
  service: KbService;
  events: EventBus;
  clock: Clock;
  monitor: Pick<MonitorApi, 'alert'>;
}

function answer<T>(act: () => T): T {
  try {
    return act();
  } catch (err) {
    if (err instanceof KbNotFoundError) throw new DispatchError('NOT_FOUND', err.message);
    if (err instanceof KbConflictError) throw new DispatchError('CONFLICT', err.message);
    throw err;
  }
}

// Every KB channel needs a session, so there always is a caller.
const username = (ctx: HandlerContext) => ctx.caller?.username ?? 'anonymous';

export function kbHandlers(deps: KbHandlerDeps): HandlerTable<KbChannels> {
  const { repo, service, events, clock } = deps;

  const article = (id: string, ctx: HandlerContext): KbArticle => {
    const found = repo.get(id);
    if (!found) throw new DispatchError('NOT_FOUND', `There is no article ${id}.`);
    const { seq: _seq, ...shown } = found;
    return { ...shown, myVote: repo.myVote(id, username(ctx)) };
  };

  return {
    'kb.search': ({ query, category, limit }) => ({ articles: service.search(query, limit, category) }),

    'kb.list': ({ category }) => {
      const counts = repo.counts();
      return {
        categories: KB_CATEGORIES.map((c) => ({ category: c, label: KB_CATEGORY_LABELS[c], count: counts.get(c) ?? 0 })),
        articles: repo.list(category),
      };
    },

    'kb.get': ({ id }, ctx) => article(id, ctx),

    'kb.suggest': ({ codes, text, alertId, limit }) => {
      let allCodes = codes;
      let allText = text;
      if (alertId !== undefined) {
        const alert = deps.monitor.alert(alertId);
        if (!alert) throw new DispatchError('NOT_FOUND', 'There is no such alert.');
        allCodes = [...codes, ...alertCodes(alert, service.known())];
        allText = `${text}\n${alert.title}\n${alert.detail}`;
      }
      return { articles: service.suggest(allCodes, allText, limit) };
    },

    'kb.vote': ({ id, helpful }, ctx) => {
      ctx.audit({ target: auditTarget.kbArticle(id), detail: { helpful } });
      answer(() => repo.vote(id, username(ctx), helpful, clock.now()));
      events.emit('kb.changed', { articleId: id });
      const { helpful: up, notHelpful } = article(id, ctx);
      return { helpful: up, notHelpful, myVote: helpful ? 'helpful' : 'not_helpful' };
    },

    'kb.create': ({ id, ...fields }, ctx) => {
      ctx.audit({ target: auditTarget.kbArticle(id), detail: { category: fields.category, codes: fields.codes } });
      answer(() => repo.create(id, fields, username(ctx), clock.now()));
      events.emit('kb.changed', { articleId: id });
      return article(id, ctx);
    },

    'kb.update': ({ id, baseRevision, ...fields }, ctx) => {
      ctx.audit({ target: auditTarget.kbArticle(id), detail: { baseRevision, category: fields.category, codes: fields.codes } });
      answer(() => repo.update(id, fields, baseRevision, username(ctx), clock.now()));
      events.emit('kb.changed', { articleId: id });
      return article(id, ctx);
    },

    'kb.history': ({ id }) => {
      const revisions = repo.revisions(id);
      if (revisions.length === 0) throw new DispatchError('NOT_FOUND', `There is no article ${id}.`);
      return { revisions };
    },
  };
}

/** Contract handlers for wall displays: Settings' list, add, new code and remove; the wall's pairing, connecting, board and alerts. */
import { auditTarget } from '../audit';
import { DispatchError, sourceKey, type HandlerContext, type HandlerTable } from '../dispatch';
import { DuplicateDisplayNameError } from './display-repo';
import { NotPairedError, PairingBlockedError, UnknownDisplayError, WrongCodeError, type DisplaysService } from './displays-service';

type DisplayChannels =
  | 'displays.list'
  | 'displays.create'
  | 'displays.newCode'
  | 'displays.revoke'
  | 'display.pair'
  | 'display.connect'
  | 'display.board'
  | 'display.alerts';

/** The service's own failures as the caller should see them. */
function answer<T>(act: () => T): T {
  try {
    return act();
  } catch (err) {
    if (err instanceof DuplicateDisplayNameError) throw new DispatchError('CONFLICT', err.message, [{ path: ['name'], message: err.message }]);
    if (err instanceof UnknownDisplayError) throw new DispatchError('NOT_FOUND', err.message);
    if (err instanceof WrongCodeError) throw new DispatchError('UNAUTHENTICATED', err.message, [{ path: ['code'], message: err.message }]);
    if (err instanceof PairingBlockedError) throw new DispatchError('LOCKED', err.message, { retryAt: err.retryAt, locked: true });
    if (err instanceof NotPairedError) throw new DispatchError('UNAUTHENTICATED', err.message);
    throw err;
  }
}

// The dispatcher sets these on the channels that need them; the fallbacks only satisfy the types.
const actor = (ctx: HandlerContext) => ctx.caller?.username ?? 'anonymous';
const wall = (ctx: HandlerContext) => {
  if (!ctx.display) throw new DispatchError('UNAUTHENTICATED', 'Only a paired wall display may ask for this.');
  return ctx.display.displayId;
};

export function displayHandlers(service: DisplaysService): HandlerTable<DisplayChannels> {
  return {
    'displays.list': () => ({ displays: service.list() }),

    'displays.create': ({ name }, ctx) => {
      ctx.audit({ detail: { name } });
      const made = answer(() => service.create(name, actor(ctx)));
      ctx.audit({ target: auditTarget.display(made.display.id) });
      return made;
    },

    'displays.newCode': ({ id }, ctx) => {
      ctx.audit({ target: auditTarget.display(id) });
      const made = answer(() => service.newCode(id));
      ctx.audit({ detail: { name: made.display.name } });
      return made;
    },

    'displays.revoke': ({ id }, ctx) => {
      ctx.audit({ target: auditTarget.display(id) });
      const removed = answer(() => service.revoke(id));
      ctx.audit({ detail: { name: removed.name } });
      return {};
    },

    'display.pair': ({ code, secret }, ctx) => {
      ctx.audit({ detail: { source: sourceKey(ctx.source) } });
      const paired = answer(() => service.pair(code, secret, ctx.source));
      ctx.audit({ actor: auditTarget.display(paired.display.id), target: auditTarget.display(paired.display.id), detail: { name: paired.display.name } });
      return paired;
    },

    'display.connect': ({ displayToken, secret }) => answer(() => service.connect(displayToken, secret)),

    'display.board': (_input, ctx) => answer(() => service.board(wall(ctx))),

    'display.alerts': (_input, ctx) => answer(() => service.alerts(wall(ctx))),
  };
}

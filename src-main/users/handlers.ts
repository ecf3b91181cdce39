/** Contract handlers for first-run setup, sessions and account management. */
import { auditTarget } from '../audit';
import type { EventBus } from '../events';
import { DispatchError, sourceKey, type HandlerContext, type HandlerTable } from '../dispatch';
import type { Sessions } from './sessions';
import type { UsersService } from './users-service';

type UserChannels =
  | 'setup.status'
  | 'setup.createAdmin'
  | 'session.login'
  | 'session.logout'
  | 'session.whoami'
  | 'session.activity'
  | 'session.changePassword'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.disable'
  | 'users.enable'
  | 'users.resetPassword';

export function userHandlers(deps: {
  users: UsersService;
  sessions: Sessions;
  events: EventBus;
  version: string;
}): HandlerTable<UserChannels> {
  const { users, sessions, events } = deps;
  const idleTimeoutSeconds = Math.round(sessions.idleTimeoutMs / 1000);
  const caller = (ctx: HandlerContext) => {
    if (!ctx.caller) throw new DispatchError('UNAUTHENTICATED', 'Sign in first.');
    return ctx.caller;
  };
  const changed = (userId: number) => events.emit('users.changed', { userId });

  return {
    'setup.status': (_input, ctx) => ({
      needsAdmin: users.count() === 0,
      setupCodeRequired: users.setupCodeRequired(ctx.source),
      version: deps.version,
    }),

    'setup.createAdmin': async (input, ctx) => {
      ctx.audit({ actor: input.username, detail: { source: sourceKey(ctx.source) } });
      const { setupCode, ...admin } = input;
      const user = await users.createFirstAdmin(admin, ctx.source, setupCode);
      ctx.audit({ target: auditTarget.user(user.id) });
      changed(user.id);
      return user;
    },

    'session.login': async (input, ctx) => {
      ctx.audit({ actor: input.username, detail: { source: sourceKey(ctx.source) } });
      const user = await users.authenticate(input.username, input.password, ctx.source, (why, block) =>
        ctx.audit({ detail: { failure: why, ...(block ? { blockedUntil: block.until, locked: block.locked } : {}) } }),
      );
      ctx.audit({ target: auditTarget.user(user.id) });
      const token = sessions.start(user);
      return { token, user, idleTimeoutSeconds, expiresAt: sessions.expiresAt(token)! };
    },

    'session.logout': (_input, ctx) => {
      sessions.end(caller(ctx).token, 'logout');
      return {};
    },

    'session.whoami': (_input, ctx) => {
      const me = caller(ctx);
      return { user: users.get(me.userId), idleTimeoutSeconds, expiresAt: sessions.expiresAt(me.token)! };
    },

    'session.activity': (_input, ctx) => {
      sessions.touch(caller(ctx).token);
      return {};
    },

    'session.changePassword': async (input, ctx) => {
      const me = caller(ctx);
      ctx.audit({ target: auditTarget.user(me.userId), detail: { source: sourceKey(ctx.source) } });
      await users.changeOwnPassword(me.userId, input.currentPassword, input.newPassword, ctx.source);
      // Other sessions of this user may have been opened with the old password.
      sessions.endForUser(me.userId, 'password_changed', me.token);
      return {};
    },

    'users.list': () => ({ users: users.list() }),

    'users.create': async (input, ctx) => {
      ctx.audit({ detail: { username: input.username, role: input.role } });
      const user = await users.create(input, ctx.source);
      ctx.audit({ target: auditTarget.user(user.id) });
      changed(user.id);
      return user;
    },

    'users.update': (input, ctx) => {
      const before = users.get(input.id);
      ctx.audit({ target: auditTarget.user(input.id) });
      const after = users.update(input.id, input);
      if (before.role !== after.role) {
        ctx.audit({ detail: { role: { from: before.role, to: after.role } } });
        sessions.updateRole(after.id, after.role);
      }
      if (before.displayName !== after.displayName) ctx.audit({ detail: { displayNameChanged: true } });
      changed(after.id);
      for (const token of sessions.tokensOf(after.id)) events.emit('session.updated', { user: after }, token);
      return after;
    },

    'users.disable': (input, ctx) => {
      ctx.audit({ target: auditTarget.user(input.id) });
      const user = users.setDisabled(input.id, true);
      sessions.endForUser(user.id, 'disabled');
      changed(user.id);
      return user;
    },

    'users.enable': (input, ctx) => {
      ctx.audit({ target: auditTarget.user(input.id) });
      const user = users.setDisabled(input.id, false);
      changed(user.id);
      return user;
    },

    'users.resetPassword': async (input, ctx) => {
      ctx.audit({ target: auditTarget.user(input.id) });
      const { user, clearedSources } = await users.resetPassword(input.id, input.newPassword, ctx.source);
      if (clearedSources > 0) ctx.audit({ detail: { clearedSources } });
      sessions.endForUser(user.id, 'password_changed');
      changed(user.id);
      return user;
    },
  };
}

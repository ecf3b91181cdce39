/**
 * Contract handlers for notification channels and the delivery log. The
 * audit entry the dispatcher writes holds only what these name through
 * ctx.audit (the channel and the facts ChannelAdmin returns), never the
 * input itself, so a secret given with a create or update cannot reach it.
 */
import type { HandlerTable } from '../dispatch';
import type { ChannelAdmin } from './channel-admin';
import type { DeliveryStore } from './delivery-store';
import type { Notifier } from './notifier';

export type NotifyChannels =
  | 'notify.channels.list'
  | 'notify.channels.create'
  | 'notify.channels.update'
  | 'notify.channels.delete'
  | 'notify.channels.test'
  | 'notify.deliveries';

export interface NotifyHandlerDeps {
  admin: ChannelAdmin;
  deliveries: DeliveryStore;
  notifier: Pick<Notifier, 'sendTest'>;
}

const target = (id: string) => `notify-channel:${id}`;

export function notifyHandlers(deps: NotifyHandlerDeps): HandlerTable<NotifyChannels> {
  const { admin } = deps;

  return {
    'notify.channels.list': async () => ({ channels: await admin.list() }),

    'notify.channels.create': async (input, ctx) => {
      ctx.audit({ detail: { name: input.settings.name, kind: input.settings.kind } });
      const saved = await admin.create(input.settings, input.secret);
      ctx.audit({ target: target(saved.channel.id), detail: saved.detail });
      return saved.channel;
    },

    'notify.channels.update': async (input, ctx) => {
      ctx.audit({ target: target(input.id) });
      const saved = await admin.update(input.id, input.settings, input.secret);
      ctx.audit({ detail: saved.detail });
      return saved.channel;
    },

    'notify.channels.delete': async (input, ctx) => {
      ctx.audit({ target: target(input.id) });
      ctx.audit({ detail: await admin.delete(input.id) });
      return {};
    },

    /** Waits for the outcome, retries included, so the admin sees what an alert would meet. */
    'notify.channels.test': async (input, ctx) => {
      ctx.audit({ target: target(input.id) });
      const channel = admin.require(input.id);
      const result = await deps.notifier.sendTest(input.id);
      ctx.audit({ detail: { name: channel.name, kind: channel.kind, ...result } });
      return result;
    },

    'notify.deliveries': (input) => ({ deliveries: deps.deliveries.recent(input) }),
  };
}

/**
 * The started modules, in start order: joins their handler tables into the
 * one the dispatcher serves, and closes them in reverse. Starting is the
 * composition root's list; this only keeps the promises the list relies on.
 */
import { CHANNEL_NAMES, type ChannelName } from '../../src-shared/contract';
import type { HandlerTable } from '../dispatch';
import type { ServiceModule } from '../service-module';

export class DuplicateChannelError extends Error {
  constructor(
    readonly channel: ChannelName,
    readonly modules: [string, string],
  ) {
    super(`The channel ${channel} is served by both the ${modules[0]} and the ${modules[1]} module.`);
    this.name = 'DuplicateChannelError';
  }
}

export class MissingChannelsError extends Error {
  constructor(readonly channels: ChannelName[]) {
    super(`No module serves ${channels.join(', ')}: every channel of the contract needs a handler.`);
    this.name = 'MissingChannelsError';
  }
}

export class ModuleSet {
  private readonly started: ServiceModule<unknown>[] = [];

  /** Records a started module, so a failure further down the list closes it. */
  add<M extends ServiceModule<unknown>>(module: M): M {
    this.started.push(module);
    return module;
  }

  /**
   * One table for the dispatcher. An object spread would let a later module
   * silently replace an earlier one's handler; here that refuses to start,
   * and so does a contract channel nobody serves.
   */
  handlers(): HandlerTable {
    const owner = new Map<ChannelName, string>();
    const joined: Partial<HandlerTable> = {};
    for (const module of this.started) {
      for (const channel of Object.keys(module.handlers) as ChannelName[]) {
        const first = owner.get(channel);
        if (first !== undefined) throw new DuplicateChannelError(channel, [first, module.name]);
        owner.set(channel, module.name);
        (joined as Record<string, unknown>)[channel] = module.handlers[channel];
      }
    }
    const missing = CHANNEL_NAMES.filter((c) => !owner.has(c));
    if (missing.length > 0) throw new MissingChannelsError(missing);
    return joined as HandlerTable;
  }

  /**
   * Closes every module, last started first, each even when one before it
   * failed to close; then reports every failure at once.
   */
  async close(): Promise<void> {
    const failures: Error[] = [];
    for (const module of [...this.started].reverse()) {
      try {
        await module.close();
      } catch (err) {
        failures.push(new Error(`The ${module.name} module failed to close: ${(err as Error)?.message ?? String(err)}`, { cause: err }));
      }
    }
    this.started.length = 0;
    if (failures.length > 0) throw new AggregateError(failures, failures.map((f) => f.message).join(' '));
  }
}

/** The composition root's rules for modules: one owner per channel, every channel owned, close in reverse and close all. */
import { describe, expect, it } from 'vitest';
import { DuplicateChannelError, MissingChannelsError, ModuleSet } from '../../../src-main/app/modules';
import type { HandlerTable } from '../../../src-main/dispatch';
import type { ServiceModule } from '../../../src-main/service-module';
import { CHANNEL_NAMES } from '../../../src-shared/contract';

const handler = () => ({});
/** A table serving every channel, so a set of modules can be complete. */
const everything = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, handler])) as unknown as HandlerTable;

function module(name: string, handlers: Partial<HandlerTable> = {}, close: () => void | Promise<void> = () => {}): ServiceModule {
  return { name, handlers, api: undefined, close };
}

describe('ModuleSet', () => {
  it('joins the tables of modules that share no channel', () => {
    const { 'system.info': info, ...rest } = everything;
    const set = new ModuleSet();
    set.add(module('most', rest));
    set.add(module('system', { 'system.info': info }));
    expect(Object.keys(set.handlers()).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('refuses a channel served by two modules, naming both', () => {
    const set = new ModuleSet();
    set.add(module('first', everything));
    set.add(module('second', { 'alerts.list': everything['alerts.list'] }));
    expect(() => set.handlers()).toThrow(DuplicateChannelError);
    expect(() => set.handlers()).toThrow('The channel alerts.list is served by both the first and the second module.');
  });

  it('refuses a contract channel nobody serves', () => {
    const { 'audit.verify': _, ...rest } = everything;
    const set = new ModuleSet();
    set.add(module('all but one', rest));
    expect(() => set.handlers()).toThrow(MissingChannelsError);
    expect(() => set.handlers()).toThrow(/No module serves audit\.verify/);
  });

  it('closes the modules last started first, each even when another fails, and reports every failure', async () => {
    const closed: string[] = [];
    const set = new ModuleSet();
    set.add(module('store', {}, () => void closed.push('store')));
    set.add(
      module('connections', {}, async () => {
        closed.push('connections');
        throw new Error('socket stuck');
      }),
    );
    set.add(module('notify', {}, () => void closed.push('notify')));
    set.add(
      module('monitor', {}, () => {
        closed.push('monitor');
        throw new Error('timer gone');
      }),
    );
    const failure = await set.close().then(
      () => null,
      (err: unknown) => err,
    );
    expect(closed).toEqual(['monitor', 'notify', 'connections', 'store']);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((e: Error) => e.message)).toEqual([
      'The monitor module failed to close: timer gone',
      'The connections module failed to close: socket stuck',
    ]);
    // Closed once: a second close has nothing left to do.
    await set.close();
    expect(closed).toHaveLength(4);
  });
});

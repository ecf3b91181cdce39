/**
 * The network service: the outbound rules every request Vigil makes is
 * checked against (net/outbound.ts), with the exceptions an admin allowed
 * kept in the store. Services that call out take the guard from its api.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ChannelOutput } from '../../src-shared/contract';
import { auditTarget } from '../audit';
import type { Clock } from '../clock';
import { OutboundGuard } from '../net';
import type { ServiceModule } from '../service-module';

export interface NetworkDeps {
  db: Database.Database;
  clock: Clock;
  /** DNS for the guard; tests answer without the network. */
  resolve?: ConstructorParameters<typeof OutboundGuard>[1];
}

export interface NetworkApi {
  outbound: OutboundGuard;
}

type Exceptions = ChannelOutput<'network.outbound'>['exceptions'];

export function createNetworkModule(deps: NetworkDeps): ServiceModule<NetworkApi> {
  const { db, clock } = deps;
  const read = (): Exceptions =>
    (db.prepare('SELECT host, note, added_by, added_at FROM outbound_exceptions ORDER BY host').all() as Array<{ host: string; note: string; added_by: string; added_at: number }>).map((r) => ({
      host: r.host,
      note: r.note,
      addedBy: r.added_by,
      addedAt: r.added_at,
    }));
  const outbound = new OutboundGuard(read().map((e) => e.host), deps.resolve);

  // Replaced whole, in one transaction; an entry kept keeps who added it and when.
  const replace = db.transaction((wanted: Array<{ host: string; note: string }>, by: string) => {
    const before = new Map(read().map((e) => [e.host, e]));
    db.prepare('DELETE FROM outbound_exceptions').run();
    const insert = db.prepare('INSERT INTO outbound_exceptions (host, note, added_by, added_at) VALUES (?, ?, ?, ?)');
    for (const { host, note } of wanted) {
      const kept = before.get(host);
      insert.run(host, note, kept?.addedBy ?? by, kept?.addedAt ?? clock.now());
    }
    return { added: wanted.filter((w) => !before.has(w.host)).map((w) => w.host), removed: [...before.keys()].filter((h) => !wanted.some((w) => w.host === h)) };
  });

  return {
    name: 'network',
    handlers: {
      'network.outbound': () => ({ exceptions: read() }),
      'network.setOutbound': ({ exceptions }, ctx) => {
        const change = replace(exceptions, ctx.caller?.username ?? 'anonymous');
        ctx.audit({ target: auditTarget.outboundRules(), detail: change });
        const now = read();
        outbound.setAllowed(now.map((e) => e.host));
        return { exceptions: now };
      },
    },
    api: { outbound },
    close: () => {},
  };
}

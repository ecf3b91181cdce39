/**
 * Workstations in team mode for tests and benches: real Vigils (own data
 * folder and keychain service each) sharing one throwaway PostgreSQL, each
 * behind a switch that cuts it off (a partition) or drops the answer of its
 * next pushes after PostgreSQL committed them (a lost answer).
 */
import type pg from 'pg';
import type { VigilOptions } from '../../src-main/app/vigil';
import { connectPg } from '../../src-main/team/team-service';
import { migrateShared } from '../../src-main/team/shared-schema';
import type { ChannelOutput } from '../../src-shared/contract';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type PgCluster } from './postgres';
import { startTestVigil, type TestVigil } from './test-vigil';

export interface Link {
  /** While true, every connection attempt and query fails as a network would. */
  offline: boolean;
  /** How many of the next pushes (a batch each) commit in PostgreSQL and then lose their answer (the connection drops). */
  loseAnswers: number;
}

export interface Workstation {
  name: string;
  vigil: TestVigil;
  token: string;
  link: Link;
  sync(): Promise<ChannelOutput<'team.sync'>>;
  /** Closes it without a word to anyone and starts it again over the same data folder and keychain. */
  restart(): Promise<void>;
}

class LinkDown extends Error {
  constructor(what: string) {
    super(`network unreachable (test: ${what})`);
  }
}

/** A connector whose connections obey a link switch. */
function linked(link: Link) {
  return async (config: pg.ClientConfig): Promise<pg.Client> => {
    if (link.offline) throw new LinkDown('offline');
    const client = await connectPg(config);
    const real = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
    const query = async (text: string, values?: unknown[]) => {
      if (link.offline) {
        await client.end().catch(() => undefined);
        throw new LinkDown('offline');
      }
      const result = await real(text, values);
      if (link.loseAnswers > 0 && text.includes('vigil.apply_ops')) {
        link.loseAnswers -= 1;
        await client.end().catch(() => undefined);
        throw new LinkDown('answer lost after commit');
      }
      return result;
    };
    return Object.assign(client, { query: query as unknown as pg.Client['query'] });
  };
}

export interface WorkstationOptions {
  pollMs?: number;
  listen?: boolean;
  /** Each Vigil's options besides team mode (the sandbox, the monitor's). */
  vigil?: Partial<Omit<VigilOptions, 'dataDir' | 'team'>>;
}

export async function startWorkstations(cluster: PgCluster, names: readonly string[], opts: WorkstationOptions = {}): Promise<Workstation[]> {
  const owner = await cluster.connect();
  try {
    await migrateShared(owner);
  } finally {
    await owner.end();
  }
  const started: Workstation[] = [];
  try {
    for (const name of names) {
      const link: Link = { offline: false, loseAnswers: 0 };
      const team = { connect: linked(link), pollMs: opts.pollMs ?? 60_000, listen: opts.listen ?? true };
      const vigil = await startTestVigil({ ...opts.vigil, team });
      const token = await vigil.adminToken();
      // The same people on every workstation (accounts are not shared yet).
      for (const tech of ['tech1', 'tech2']) await vigil.userToken(tech, 'support_tech');
      await vigil.ok('team.configure', { host: cluster.host, port: cluster.port, database: cluster.database, user: cluster.app.user, password: cluster.app.password, tls: false }, token);
      const ws: Workstation = {
        name,
        vigil,
        token,
        link,
        sync: () => ws.vigil.ok('team.sync', {}, ws.token),
        restart: async () => {
          ws.vigil = await ws.vigil.restart({ ...opts.vigil, team });
          ws.token = await ws.vigil.adminToken();
        },
      };
      started.push(ws);
    }
    return started;
  } catch (err) {
    await stopWorkstations(started);
    throw err;
  }
}

export async function stopWorkstations(all: readonly Workstation[]): Promise<void> {
  for (const ws of all) await ws.vigil.close();
}

/** Syncs every workstation, twice round, so each has what the others pushed. */
export async function syncAll(all: readonly Workstation[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const ws of all) await ws.sync();
}

export interface TeamFixture {
  cluster: PgCluster;
  all: Workstation[];
  /** A superuser connection to the shared database. */
  su: pg.Client;
}

/** A throwaway PostgreSQL with these workstations on it, for one test file: started before its tests, removed after. */
export function teamFixture(names: readonly string[], opts: WorkstationOptions = {}): TeamFixture {
  const t = {} as TeamFixture;
  beforeAll(async () => {
    t.cluster = await startPostgres();
    t.all = await startWorkstations(t.cluster, names, opts);
    t.su = await t.cluster.connect();
  });
  afterAll(async () => {
    await t.su?.end();
    await stopWorkstations(t.all ?? []);
    await t.cluster?.destroy();
  });
  return t;
}

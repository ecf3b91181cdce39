/**
 * No lost or doubled update: a push whose answer is lost after PostgreSQL
 * committed it, a workstation killed mid-push, PostgreSQL restarted
 * mid-sync. Every operation id ends in the shared database exactly once.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../helpers/postgres';
import { startWorkstations, stopWorkstations, syncAll, type Workstation } from '../../helpers/team';

let cluster: PgCluster;
let a: Workstation;
let b: Workstation;
let all: Workstation[];

beforeAll(async () => {
  cluster = await startPostgres();
  all = await startWorkstations(cluster, ['A', 'B']);
  [a, b] = all as [Workstation, Workstation];
});

afterAll(async () => {
  await stopWorkstations(all ?? []);
  await cluster?.destroy();
});

async function withSuperuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = await cluster.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Every op id once, and each workstation's sequence without gaps. */
async function expectExactlyOnce(): Promise<void> {
  await withSuperuser(async (c) => {
    const dup = await c.query('SELECT op_id FROM vigil.ops GROUP BY op_id HAVING count(*) > 1');
    expect(dup.rows).toEqual([]);
    const gaps = await c.query<{ workstation: string; n: number; lo: number; hi: number }>(
      'SELECT workstation, count(*)::int AS n, min(ws_seq)::int AS lo, max(ws_seq)::int AS hi FROM vigil.ops GROUP BY workstation',
    );
    for (const g of gaps.rows) expect(g.hi - g.lo + 1).toBe(g.n);
    const events = await c.query('SELECT event_id FROM vigil.ticket_events GROUP BY event_id HAVING count(*) > 1');
    expect(events.rows).toEqual([]);
  });
}

async function opCount(): Promise<number> {
  return withSuperuser(async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM vigil.ops')).rows[0]!.n);
}

async function comments(ws: Workstation, id: string): Promise<string[]> {
  return (await ws.vigil.ok('tickets.get', { id }, ws.token)).comments.map((c) => c.body).sort();
}

describe('team sync under failure', () => {
  it('retries a push whose answer was lost after PostgreSQL committed it, and applies it once', async () => {
    // Written while cut off, so that the next round is the one that loses its answer.
    a.link.offline = true;
    const { ticket } = await a.vigil.ok('tickets.create', { title: 'lost answer', priority: 'high', category: 'technical' }, a.token);
    await a.vigil.ok('tickets.comment', { id: ticket.id, visibility: 'internal', body: 'once only' }, a.token);
    const before = await opCount();
    a.link.offline = false;
    a.link.loseAnswers = 1;
    const failed = await a.sync();
    expect(failed.online).toBe(false);
    expect(failed.lastError).toMatch(/answer lost/);
    expect(failed.offlineSince).not.toBeNull();
    // PostgreSQL has both operations; this workstation does not know it yet.
    expect(await opCount()).toBe(before + 2);
    expect(failed.waiting).toBe(2);

    const retried = await a.sync();
    expect(retried).toMatchObject({ online: true, waiting: 0, lastError: null, offlineSince: null });
    expect(await opCount()).toBe(before + 2);
    await syncAll(all);
    expect(await comments(b, ticket.id)).toEqual(['once only']);
    await expectExactlyOnce();
  });

  it('a workstation killed mid-push pushes again after its restart; nothing doubles', async () => {
    a.link.offline = true;
    const { ticket } = await a.vigil.ok('tickets.create', { title: 'killed', priority: 'low', category: 'technical' }, a.token);
    for (const body of ['one', 'two', 'three']) await a.vigil.ok('tickets.comment', { id: ticket.id, visibility: 'internal', body }, a.token);
    const before = await opCount();
    // The push commits and the process dies before it hears the answer.
    a.link.offline = false;
    a.link.loseAnswers = 1;
    expect((await a.sync()).waiting).toBe(4);
    expect((await opCount()) - before).toBe(4);
    // Back up, it resumes team mode and pushes all four again, answered from PostgreSQL's record.
    await a.restart();
    await a.sync();
    expect(await opCount()).toBe(before + 4);
    await syncAll(all);
    expect(await comments(b, ticket.id)).toEqual(['one', 'three', 'two']);
    await expectExactlyOnce();
  });

  it('rides out PostgreSQL restarting mid-sync', async () => {
    const { ticket } = await b.vigil.ok('tickets.create', { title: 'restart', priority: 'medium', category: 'technical' }, b.token);
    await syncAll(all);
    await cluster.stop();
    await b.vigil.ok('tickets.comment', { id: ticket.id, visibility: 'internal', body: 'while the database was down' }, b.token);
    const down = await b.sync();
    expect(down.online).toBe(false);
    expect(down.waiting).toBe(1);
    await cluster.start();
    const up = await b.sync();
    expect(up).toMatchObject({ online: true, waiting: 0 });
    await syncAll(all);
    expect(await comments(a, ticket.id)).toEqual(['while the database was down']);
    await expectExactlyOnce();
  });
});

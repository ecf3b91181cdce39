/**
 * The shared schema on a real PostgreSQL: migrations, what the workstation
 * role may and may not do, idempotent application, and a pull cursor that
 * does not skip a transaction that committed after a later one.
 */
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_MIGRATIONS, SHARED_SCHEMA_VERSION } from '../../../src-main/team/shared-migrations';
import { STATUS_TRANSITIONS } from '../../../src-shared/tickets';
import { checkShared, migrateShared, TeamSchemaError } from '../../../src-main/team/shared-schema';
import { startPostgres, type PgCluster } from '../../helpers/postgres';

let cluster: PgCluster;
let owner: pg.Client;
let app: pg.Client;

beforeAll(async () => {
  cluster = await startPostgres();
  owner = await cluster.connect();
  expect(await migrateShared(owner)).toEqual(SHARED_MIGRATIONS.map((m) => m.version));
  app = await cluster.connect('app');
});

afterAll(async () => {
  await app?.end();
  await owner?.end();
  await cluster?.destroy();
});

const hlc = (ms: number, n = 0) => `${String(ms).padStart(15, '0')}:${String(n).padStart(6, '0')}`;
const seqs = new Map<string, number>();

function created(ticketId: string) {
  return { id: uuidv7(), ticketId, at: 1, actor: 'ada', type: 'created', changes: [{ field: 'priority', before: null, after: 'medium' }], data: { number: 1, origin: 'person', policyVersion: 1 } };
}

async function apply(client: pg.ClientBase, ws: string, payload: object, opts: { op?: string; seq?: number; hlcMs?: number; base?: number } = {}) {
  const seq = opts.seq ?? (seqs.get(ws) ?? 0) + 1;
  seqs.set(ws, seq);
  const { rows } = await client.query<{ r: { version: number; skip: Array<{ field: string; conflict: boolean }> } }>(
    'SELECT vigil.apply_op($1, $2, $3, $4, $5, $6, $7) AS r',
    [opts.op ?? uuidv7(), ws, seq, 'ticket.event', hlc(opts.hlcMs ?? Date.now()), opts.base ?? 0, payload],
  );
  return rows[0]!.r;
}

describe('shared schema', () => {
  it('migrates once, and a workstation accepts exactly its version', async () => {
    expect(await migrateShared(owner)).toEqual([]);
    await expect(checkShared(app)).resolves.toBeUndefined();
  });

  it('refuses a database newer than this Vigil understands, with a clear message', async () => {
    await owner.query("INSERT INTO vigil.schema_migrations (version, name) VALUES ($1, 'from the future')", [SHARED_SCHEMA_VERSION + 1]);
    try {
      await expect(checkShared(app)).rejects.toThrow(TeamSchemaError);
      await expect(checkShared(app)).rejects.toThrow(/newer than this Vigil understands/);
      await expect(migrateShared(owner)).rejects.toThrow(/newer than this Vigil understands/);
    } finally {
      await owner.query('DELETE FROM vigil.schema_migrations WHERE version = $1', [SHARED_SCHEMA_VERSION + 1]);
    }
  });

  it('applies an operation once: a repeat answers the first result and adds nothing', async () => {
    const op = uuidv7();
    const event = created(uuidv7());
    const first = await apply(app, 'ws-once', event, { op });
    const again = await apply(app, 'ws-once', event, { op, seq: 1 });
    expect(again).toEqual(first);
    const { rows } = await owner.query('SELECT count(*)::int AS n FROM vigil.ops WHERE op_id = $1', [op]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses an operation of a kind it does not know', async () => {
    await expect(
      app.query('SELECT vigil.apply_op($1, $2, 1, $3, $4, 0, $5)', [uuidv7(), 'ws-kind', 'no.such.kind', hlc(1), { id: uuidv7() }]),
    ).rejects.toThrow(/unknown operation kind no.such.kind/);
  });

  it("refuses a workstation's operation out of its order", async () => {
    await expect(apply(app, 'ws-order', created(uuidv7()), { seq: 2 })).rejects.toThrow(/apply in order/);
  });

  it('lets the workstation role read and call, never UPDATE, DELETE or INSERT shared history', async () => {
    await apply(app, 'ws-grants', created(uuidv7()));
    await expect(app.query('SELECT count(*) FROM vigil.ticket_events')).resolves.toBeTruthy();
    await expect(app.query("UPDATE vigil.ops SET kind = 'x'")).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM vigil.ticket_events')).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM vigil.ops')).rejects.toThrow(/permission denied/);
    await expect(app.query("UPDATE vigil.ticket_fields SET value = '\"low\"'")).rejects.toThrow(/permission denied/);
    await expect(app.query('INSERT INTO vigil.workstations VALUES ($1, 1)', ['forged'])).rejects.toThrow(/permission denied/);
    // Even the owner cannot rewrite history without first disabling the triggers.
    await expect(owner.query("UPDATE vigil.ops SET kind = 'x'")).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM vigil.ticket_events')).rejects.toThrow(/append-only/);
  });

  it('keeps the more urgent of concurrent priorities, and a stale reopen of a closed ticket as a conflict', async () => {
    const ticketId = uuidv7();
    await apply(app, 'ws-a', created(ticketId), { hlcMs: 1000 });
    const change = (field: string, after: string) => ({ id: uuidv7(), ticketId, at: 2, actor: 'ada', type: 'updated', changes: [{ field, before: null, after }], data: {} });
    // Both saw version 1; A's later clock would win by LWW alone.
    await apply(app, 'ws-b', change('priority', 'critical'), { hlcMs: 2000, base: 1 });
    const lost = await apply(app, 'ws-a', change('priority', 'low'), { hlcMs: 3000, base: 1 });
    expect(lost.skip).toMatchObject([{ field: 'priority', conflict: false }]);
    await apply(app, 'ws-b', change('status', 'closed'), { hlcMs: 4000, base: 3 });
    const reopen = await apply(app, 'ws-a', change('status', 'in_progress'), { hlcMs: 5000, base: 3 });
    expect(reopen.skip).toMatchObject([{ field: 'status', conflict: true, current: 'closed' }]);
    const { rows } = await app.query("SELECT field, value FROM vigil.ticket_fields WHERE ticket_id = $1 ORDER BY field", [ticketId]);
    expect(rows).toEqual([
      { field: 'priority', value: 'critical' },
      { field: 'status', value: 'closed' },
    ]);
  });

  it("merges status with the ticket's own state machine", async () => {
    const sql = SHARED_MIGRATIONS.map((m) => m.sql).join('\n');
    const body = /FUNCTION vigil\.status_may_go[\s\S]*?\$\$([\s\S]*?)\$\$/.exec(sql)?.[1] ?? '';
    const pairs = [...body.matchAll(/\('([a-z_]+)', '([a-z_]+)'\)/g)].map((m) => `${m[1]}>${m[2]}`).sort();
    const expected = Object.entries(STATUS_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)).sort();
    expect(pairs).toEqual(expected);
    for (const [from, to] of [['new', 'acknowledged'], ['closed', 'resolved'], ['in_progress', 'acknowledged']] as const) {
      const { rows } = await owner.query<{ ok: boolean }>('SELECT vigil.status_may_go(to_jsonb($1::text), to_jsonb($2::text)) AS ok', [from, to]);
      expect(rows[0]!.ok).toBe(STATUS_TRANSITIONS[from].includes(to));
    }
  });

  it('pull does not skip a transaction that committed after a later one', async () => {
    const pull = async (cursor: { txid: string; pos: string }) =>
      (await app.query<{ pos: string; txid: string; op_id: string }>('SELECT pos, txid, op_id FROM vigil.pull($1, $2, 1000)', [cursor.txid, cursor.pos])).rows;
    const start = await pull({ txid: '0', pos: '0' });
    let cursor = { txid: start.at(-1)!.txid, pos: start.at(-1)!.pos };

    const slow = await cluster.connect('app');
    try {
      await slow.query('BEGIN');
      const early = uuidv7();
      await slow.query('SELECT vigil.apply_op($1, $2, 1, $3, $4, 0, $5)', [early, 'ws-slow', 'ticket.event', hlc(1), created(uuidv7())]);
      const late = uuidv7();
      await app.query('SELECT vigil.apply_op($1, $2, 1, $3, $4, 0, $5)', [late, 'ws-fast', 'ticket.event', hlc(2), created(uuidv7())]);

      // The later transaction committed, but the earlier one is still open: nothing past it is handed out.
      const meanwhile = await pull(cursor);
      expect(meanwhile.map((r) => r.op_id)).not.toContain(late);
      if (meanwhile.length > 0) cursor = { txid: meanwhile.at(-1)!.txid, pos: meanwhile.at(-1)!.pos };

      await slow.query('COMMIT');
      const after = await pull(cursor);
      expect(after.map((r) => r.op_id)).toEqual([early, late]);
    } finally {
      await slow.end();
    }
  });
});

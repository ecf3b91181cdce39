/**
 * Team mode between two workstations on a throwaway PostgreSQL on this
 * machine (tests/helpers/postgres.ts): operations pushed and pulled per
 * second, how long a change takes to show on the other workstation (p50,
 * p99) woken by NOTIFY and by polling alone, and how long a workstation
 * that was offline for 10,000 operations takes to catch up.
 */
import { performance } from 'node:perf_hooks';
import { nextEvent } from '../tests/helpers/next-event';
import { startPostgres, type PgCluster } from '../tests/helpers/postgres';
import { startWorkstations, stopWorkstations, type Workstation } from '../tests/helpers/team';
import type { BenchResult, BenchSuite } from './result';

const POLL_MS = 250;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** `count` comments from `ws`, spread over `tickets` tickets it opens first. */
async function write(ws: Workstation, count: number, tickets: number): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < tickets; i++) ids.push((await ws.vigil.ok('tickets.create', { title: `bench ${i}`, priority: 'medium', category: 'technical' }, ws.token)).ticket.id);
  for (let i = 0; i < count - tickets; i++) await ws.vigil.ok('tickets.comment', { id: ids[i % tickets]!, visibility: 'internal', body: `comment ${i}` }, ws.token);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Time from a comment on `from` to the other workstation's ticket.changed for it. */
async function latencies(from: Workstation, to: Workstation, samples: number): Promise<number[]> {
  const { ticket } = await from.vigil.ok('tickets.create', { title: 'latency', priority: 'low', category: 'technical' }, from.token);
  await from.sync();
  await to.sync();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const seen = nextEvent(to.vigil.events, 'ticket.changed', (p) => p.ticketId === ticket.id, 30_000);
    const start = performance.now();
    await from.vigil.ok('tickets.comment', { id: ticket.id, visibility: 'internal', body: `sample ${i}` }, from.token);
    await seen;
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

async function pair(cluster: PgCluster, opts: { pollMs: number; listen: boolean }): Promise<[Workstation, Workstation]> {
  const [a, b] = await startWorkstations(cluster, ['A', 'B'], opts);
  return [a!, b!];
}

export const run: BenchSuite = async ({ quick }) => {
  const results: BenchResult[] = [];
  const cluster = await startPostgres();
  const started: Workstation[] = [];
  try {
    // Throughput: A writes cut off, then pushes everything; B pulls it.
    const [a, b] = await pair(cluster, { pollMs: 60_000, listen: false });
    started.push(a, b);
    const ops = quick ? 400 : 2_000;
    a.link.offline = true;
    b.link.offline = true;
    await write(a, ops, ops / 20);
    a.link.offline = false;
    const pushMs = await timed(() => a.sync());
    b.link.offline = false;
    const pullMs = await timed(() => b.sync());
    results.push({ name: 'push.ops_per_s', value: round1(ops / (pushMs / 1000)), unit: 'op/s' }, { name: 'pull.ops_per_s', value: round1(ops / (pullMs / 1000)), unit: 'op/s' });

    // Catch-up: B cut off while A writes 10,000 operations and pushes them.
    const offline = quick ? 2_000 : 10_000;
    b.link.offline = true;
    await write(a, offline, offline / 50);
    await a.sync();
    b.link.offline = false;
    const catchUpMs = await timed(() => b.sync());
    results.push({ name: `catch_up_${offline}_ops.ms`, value: Math.round(catchUpMs), unit: 'ms' });
    await stopWorkstations([a, b]);
    started.length = 0;

    const samples = quick ? 20 : 100;
    // Woken by NOTIFY: the timers are a minute apart, so nothing else moves the change.
    const [na, nb] = await pair(cluster, { pollMs: 60_000, listen: true });
    started.push(na, nb);
    const notify = await latencies(na, nb, samples);
    results.push({ name: 'visible.notify.p50_ms', value: round1(percentile(notify, 0.5)), unit: 'ms' }, { name: 'visible.notify.p99_ms', value: round1(percentile(notify, 0.99)), unit: 'ms' });
    await stopWorkstations([na, nb]);
    started.length = 0;

    // Polling alone: no LISTEN; the other workstation finds the change on its next round.
    const [pa, pb] = await pair(cluster, { pollMs: POLL_MS, listen: false });
    started.push(pa, pb);
    const polling = await latencies(pa, pb, samples);
    results.push(
      { name: `visible.poll_${POLL_MS}ms.p50_ms`, value: round1(percentile(polling, 0.5)), unit: 'ms' },
      { name: `visible.poll_${POLL_MS}ms.p99_ms`, value: round1(percentile(polling, 0.99)), unit: 'ms' },
    );
  } finally {
    await stopWorkstations(started);
    await cluster.destroy();
  }
  return results;
};

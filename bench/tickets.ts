/**
 * Triage at a hospital's scale, through a real Vigil (createVigil over an
 * encrypted store, the real dispatcher) with 1,000,000 tickets, 200,000 of
 * them open, each with its history: imported through tickets.import in CSV
 * chunks, which is also the import figure (rows per second over the first
 * 100,000). Then, from the warm store:
 * - the queue's first page (50 rows) in SLA order under each built-in
 *   view's filter and a few more, p50/p99 per call of tickets.list
 *   (clocks computed, output checked against the contract), and the
 *   count of each (tickets.count, capped at 10,000);
 * - text search over titles and descriptions, by relevance and in SLA
 *   order, p50/p99;
 * - the database's size per ticket, after a checkpoint.
 * `--quick`: 100,000 tickets. BENCH_TICKETS overrides the count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'csv-stringify/sync';
import { createVigil } from '../src-main/app';
import { LOCAL_SOURCE } from '../src-main/dispatch';
import { createLogger } from '../src-main/log';
import { CSV_COLUMNS } from '../src-main/tickets/transfer/import-format';
import type { ChannelInput } from '../src-shared/contract';
import type { BenchResult, BenchSuite } from './result';
import { memorySecrets } from './temp-store';

const CHUNK = 50_000;
const NOW = Date.now();
const DAY = 86_400_000;
const RUNS = 200;

const ASSIGNEES = Array.from({ length: 40 }, (_, i) => `tech.${String(i).padStart(2, '0')}`);
const SYSTEMS = ['Epic', 'Cerner', 'Allscripts', 'lab interface', 'PACS', 'pharmacy system', 'results viewer', 'CDS service', 'patient portal', 'HL7 feed', 'FHIR API', 'scheduling'];
const PROBLEMS = ['times out', 'is slow', 'shows an error', 'rejects orders', 'drops messages', 'fails to sign in', 'returns 503', 'shows the wrong unit', 'hangs on save', 'cannot print', 'loses the session', 'rate limited'];
const WORDS = 'ward nurse physician order result token refresh certificate interface queue allergy medication dose chart encounter consent validation observation patient search morning night shift clinic pharmacy radiology laboratory admission discharge transfer billing printer badge password screen network wireless vpn proxy firewall update restart backup'.split(' ');
/** Made-up words of two or three syllables, drawn with Zipf's law like the words of real text. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'vo', 'ri', 'pe', 'du', 'zo', 'fa', 'gi', 'ho', 'be'];
const VOCABULARY = Array.from({ length: 2_000 }, (_, i) => {
  const a = SYLLABLES[i % 15]!;
  const b = SYLLABLES[Math.floor(i / 15) % 15]!;
  const c = i >= 225 ? SYLLABLES[Math.floor(i / 225) % 15]! : '';
  return `${a}${b}${c}n`;
});

/** Deterministic tickets in the import format, `from` to `to` (exclusive); every fifth one open. */
export function csvChunk(from: number, to: number): string {
  // mulberry32: the low bits of a plain LCG repeat, which would make every fourth ticket alike.
  let seed = (from * 7919 + 17) >>> 0;
  const next = (n: number) => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const pick = <T>(list: readonly T[]) => list[next(list.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows: string[][] = [];
  for (let i = from; i < to; i++) {
    const open = i % 5 === 0;
    const r = next(100);
    const priority = r < 1 ? 'emergency' : r < 5 ? 'critical' : r < 20 ? 'high' : r < 70 ? 'medium' : 'low';
    const age = open ? next(30 * DAY) : 31 * DAY + next(700 * DAY);
    const created = NOW - age;
    const zipf = () => VOCABULARY[Math.floor(Math.pow(VOCABULARY.length, next(1_000_000) / 1_000_000)) - 1]!;
    const words = Array.from({ length: 18 + next(20) }, () => (next(10) < 3 ? pick(WORDS) : zipf())).join(' ');
    const history: string[] = [];
    let t = created + 5 * 60_000 + next(3 * 3_600_000);
    const at = () => iso(Math.min(t, NOW - 1_000));
    if (open) {
      const stage = next(4);
      if (stage >= 1) history.push(`acknowledged@${at()}`);
      t += next(3_600_000);
      if (stage >= 2) history.push(`in_progress@${at()}`);
      t += next(3_600_000);
      if (stage === 3) history.push(`pending(${pick(['requester', 'vendor', 'change_window'])})@${at()}`);
    } else {
      history.push(`acknowledged@${at()}`);
      t += next(4 * 3_600_000);
      history.push(`in_progress@${at()}`);
      t += next(48 * 3_600_000);
      history.push(`resolved@${at()}`);
      t += DAY;
      history.push(`closed@${at()}`);
    }
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      external_id: `BENCH-${i}`,
      title: `${pick(SYSTEMS)} ${pick(PROBLEMS)} on ward ${next(60)}`,
      description: `${words}.`,
      requester_name: `Requester ${next(5_000)}`,
      requester_department: `Department ${next(80)}`,
      requester_contact: '',
      priority,
      category: pick(['technical', 'clinical', 'compliance_security', 'training', 'integration']),
      emergency: '',
      status: '',
      status_history: history.join('; '),
      assignee: next(10) < 3 ? '' : pick(ASSIGNEES),
      tier: String(1 + next(3)),
      tags: next(4) === 0 ? pick(['lab', 'vip', 'night', 'vendor']) : '',
      created_at: iso(created),
      created_by: 'import',
      first_response_at: '',
      resolved_at: '',
      closed_at: '',
      csat_score: open || next(3) > 0 ? '' : String(1 + next(5)),
      csat_comment: '',
    };
    rows.push(CSV_COLUMNS.map((c) => row[c]));
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const run: BenchSuite = async ({ quick }) => {
  const total = Number(process.env.BENCH_TICKETS ?? (quick ? 100_000 : 1_000_000));
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-tickets-'));
  const vigil = await createVigil({ dataDir: dir, secrets: memorySecrets('vigil-bench-tickets'), sandbox: false, monitor: { workstation: false }, log: createLogger({ level: 'error' }) });
  const results: BenchResult[] = [];
  try {
    const ok = async <C extends Parameters<typeof vigil.dispatch>[0]>(channel: C, input: unknown, token?: string) => {
      const reply = await vigil.dispatch(channel, input, { token: token ?? null, source: LOCAL_SOURCE });
      if (!reply.ok) throw new Error(`${String(channel)}: ${reply.error.message}`);
      return reply.data as never;
    };
    await ok('setup.createAdmin', { username: 'admin', displayName: 'Admin', password: 'correct horse battery' });
    const { token } = (await ok('session.login', { username: 'admin', password: 'correct horse battery' })) as { token: string };

    // Import: the first 100,000 rows timed, then the rest to the full count.
    let imported = 0;
    let firstHundredMs = 0;
    for (let from = 0; from < total; from += CHUNK) {
      const content = csvChunk(from, Math.min(total, from + CHUNK));
      const started = performance.now();
      const outcome = (await ok('tickets.import', { format: 'csv', content, mode: 'all' }, token)) as { imported: number; issueCount: number; issues: unknown[] };
      if (outcome.issueCount > 0) throw new Error(`the generated rows have issues: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
      if (imported < 100_000) firstHundredMs += performance.now() - started;
      imported += outcome.imported;
      console.error(`# imported ${imported} tickets`);
    }
    const measured = Math.min(imported, 100_000);
    results.push({ name: 'import.rows_per_s', value: Math.round((measured / firstHundredMs) * 1000), unit: 'rows/s' });

    vigil.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const open = (vigil.store.db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE open = 1').get() as { n: number }).n;
    const events = (vigil.store.db.prepare('SELECT COUNT(*) AS n FROM ticket_events').get() as { n: number }).n;
    results.push({ name: 'tickets', value: imported, unit: 'tickets' });
    results.push({ name: 'tickets.open', value: open, unit: 'tickets' });
    results.push({ name: 'events_per_ticket', value: Math.round((events / imported) * 100) / 100, unit: 'events' });
    results.push({ name: 'db.bytes_per_ticket', value: Math.round(vigil.store.sizeBytes() / imported), unit: 'bytes' });

    const time = async (input: ChannelInput<'tickets.list'> | ChannelInput<'tickets.count'>, channel: 'tickets.list' | 'tickets.count' = 'tickets.list') => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS + 10; i++) {
        const started = performance.now();
        await ok(channel, input, token);
        if (i >= 10) samples.push(performance.now() - started);
      }
      return samples.sort((a, b) => a - b);
    };
    const ms = (v: number) => Math.round(v * 100) / 100;
    const queues: Array<[string, ChannelInput<'tickets.list'>['filter']]> = [
      ['open', { status: 'open' }],
      ['emergencies', { status: 'open', priority: ['emergency'] }],
      ['unassigned', { status: 'open', assignee: 'unassigned' }],
      ['assignee', { status: 'open', assignee: 'tech.07' }],
      ['clinical', { status: 'open', category: ['clinical'] }],
      ['pending', { status: ['pending'] }],
      ['breached', { status: 'open', sla: 'breached' }],
      ['at_risk', { status: 'open', sla: 'at_risk' }],
      ['high_and_critical_tier2', { status: 'open', priority: ['critical', 'high'], tier: [2] }],
    ];
    let worst = 0;
    let worstCount = 0;
    for (const [name, filter] of queues) {
      const first = (await ok('tickets.list', { filter, sort: 'urgency', limit: 50 }, token)) as { tickets: unknown[] };
      const count = (await ok('tickets.count', { filter }, token)) as { total: number; exact: boolean };
      console.error(`# ${name}: ${first.tickets.length} rows on the first page, ${count.total}${count.exact ? '' : '+'} counted`);
      const s = await time({ filter, sort: 'urgency', limit: 50 });
      worst = Math.max(worst, percentile(s, 99));
      results.push({ name: `queue.${name}.p50`, value: ms(percentile(s, 50)), unit: 'ms' });
      results.push({ name: `queue.${name}.p99`, value: ms(percentile(s, 99)), unit: 'ms' });
      const c = await time({ filter }, 'tickets.count');
      worstCount = Math.max(worstCount, percentile(c, 99));
      results.push({ name: `count.${name}.p99`, value: ms(percentile(c, 99)), unit: 'ms' });
    }
    results.push({ name: 'queue.first_page.p99.worst_filter', value: ms(worst), unit: 'ms' });
    results.push({ name: 'count.p99.worst_filter', value: ms(worstCount), unit: 'ms' });

    // From common to rare: a system's name (one title in twelve), a problem, domain words, made-up words of middling and low frequency.
    const searches = ['lab interface', 'rejects orders', 'certificate', 'night shift vpn', VOCABULARY[40]!, VOCABULARY[400]!, `${VOCABULARY[7]!} ${VOCABULARY[90]!}`];
    for (const sort of ['relevance', 'urgency'] as const) {
      const samples: number[] = [];
      for (const text of searches) {
        const filter = { status: sort === 'urgency' ? ('open' as const) : ('all' as const), text };
        const first = (await ok('tickets.list', { filter, sort, limit: 50 }, token)) as { tickets: unknown[] };
        const count = (await ok('tickets.count', { filter }, token)) as { total: number; exact: boolean };
        console.error(`# search "${text}" (${sort}): ${first.tickets.length} rows, ${count.total}${count.exact ? '' : '+'} counted`);
        samples.push(...(await time({ filter, sort, limit: 50 })));
      }
      samples.sort((a, b) => a - b);
      results.push({ name: `search.${sort}.p50`, value: ms(percentile(samples, 50)), unit: 'ms' });
      results.push({ name: `search.${sort}.p99`, value: ms(percentile(samples, 99)), unit: 'ms' });
    }
    return results;
  } finally {
    await vigil.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

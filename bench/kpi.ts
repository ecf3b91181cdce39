/**
 * KPIs at a hospital's scale, through a real Vigil: 1,000,000 tickets over
 * the last 90 days imported through tickets.import in CSV chunks (the KPI
 * aggregates follow each chunk as it lands), then:
 * - counting them into the aggregates (the rest after the last chunk, and
 *   a full rebuild from nothing, as after a change of time zone);
 * - every KPI for 90 days (kpi.report, all cards, series and breakdowns),
 *   p50/p99 per call, and each other preset;
 * - the main loop's delay (perf_hooks monitorEventLoopDelay) while the KPI
 *   screen's queries run back to back.
 * `--quick`: 100,000 tickets. BENCH_TICKETS overrides the count.
 * BENCH_KPI_DIR keeps the data folder there between runs (for working on
 * the KPIs without importing again): a run that finds its tickets already
 * there skips the import and times only the counting.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createVigil, type Vigil } from '../src-main/app';
import { LOCAL_SOURCE } from '../src-main/dispatch';
import { createLogger } from '../src-main/log';
import { CSV_COLUMNS } from '../src-main/tickets/transfer/import-format';
import { CATEGORIES, PRIORITIES } from '../src-shared/tickets';
import type { SecretStore } from '../src-main/secrets/secret-store';
import type { BenchResult, BenchSuite } from './result';
import { memorySecrets } from './temp-store';

const CHUNK = 50_000;
const NOW = Date.now();
const MIN = 60_000;
const DAYS = 90;
const RUNS = 30;
const ASSIGNEES = Array.from({ length: 40 }, (_, i) => `tech.${String(i).padStart(2, '0')}`);

/** Tickets `from` to `to` (exclusive) over the last 90 days, oldest first: answered, most resolved, some rated. */
function csvChunk(from: number, to: number, total: number): string {
  let seed = (from * 7919 + 17) >>> 0;
  const next = (n: number) => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const span = DAYS * 24 * 60 * MIN;
  const lines = [CSV_COLUMNS.join(',')];
  for (let i = from; i < to; i++) {
    const created = NOW - span + Math.floor((i / total) * (span - 10 * MIN));
    const history: string[] = [];
    const fr = created + MIN + next(240) * MIN;
    let done: number | null = null;
    if (fr < NOW && next(10) > 0) history.push(`acknowledged@${iso(fr)}`);
    if (history.length > 0 && next(5) > 0) {
      const at = fr + MIN + next(next(4) === 0 ? 5000 : 600) * MIN;
      if (at < NOW) {
        history.push(`resolved@${iso(at)}`);
        done = at;
      }
    }
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      external_id: `KPI-${i}`,
      title: `Ticket ${i}`,
      description: '',
      requester_name: '',
      requester_department: '',
      requester_contact: '',
      priority: PRIORITIES[next(100) < 2 ? 0 : 1 + next(4)]!,
      category: CATEGORIES[next(5)]!,
      emergency: '',
      status: '',
      status_history: history.join('; '),
      assignee: next(10) < 2 ? '' : ASSIGNEES[next(ASSIGNEES.length)]!,
      tier: String(next(8) === 0 ? 2 : 1),
      tags: '',
      created_at: iso(created),
      created_by: 'import',
      first_response_at: '',
      resolved_at: '',
      closed_at: '',
      csat_score: done !== null && next(3) === 0 ? String(1 + next(5)) : '',
      csat_comment: '',
    };
    lines.push(CSV_COLUMNS.map((c) => row[c]).join(','));
  }
  return lines.join('\n');
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
const ms = (v: number) => Math.round(v * 100) / 100;

async function signIn(vigil: Vigil): Promise<(channel: string, input: unknown) => Promise<unknown>> {
  let token: string | null = null;
  const ok = async (channel: string, input: unknown) => {
    const reply = await vigil.dispatch(channel as never, input, { token, source: LOCAL_SOURCE });
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
    return reply.data;
  };
  const status = (await ok('setup.status', {})) as { needsAdmin: boolean };
  if (status.needsAdmin) await ok('setup.createAdmin', { username: 'admin', displayName: 'Admin', password: 'correct horse battery' });
  token = ((await ok('session.login', { username: 'admin', password: 'correct horse battery' })) as { token: string }).token;
  return ok;
}

/**
 * A kept folder's database key, in a file beside it so a later run opens it
 * (bench data only: the generated tickets, never anyone's).
 */
function fileSecrets(dir: string): SecretStore {
  const file = path.join(dir, 'bench-keys.json');
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const write = (entries: Record<string, string>) => writeFileSync(file, JSON.stringify(entries), { mode: 0o600 });
  return {
    service: 'vigil-bench-kpi',
    get: async (account) => read()[account] ?? null,
    set: async (account, value) => write({ ...read(), [account]: value }),
    delete: async (account) => {
      const { [account]: gone, ...rest } = read();
      write(rest);
      return gone !== undefined;
    },
    list: async () => Object.keys(read()),
  };
}

export const run: BenchSuite = async ({ quick }) => {
  const total = Number(process.env.BENCH_TICKETS ?? (quick ? 100_000 : 1_000_000));
  const kept = process.env.BENCH_KPI_DIR;
  if (kept) mkdirSync(kept, { recursive: true });
  const dir = kept ?? mkdtempSync(path.join(tmpdir(), 'vigil-bench-kpi-'));
  const secrets = kept ? fileSecrets(kept) : memorySecrets('vigil-bench-kpi');
  // An import of a million rows outlasts the default idle timeout.
  const options = { dataDir: dir, secrets, sandbox: false, monitor: { workstation: false }, log: createLogger({ level: 'error' as const }), idleTimeoutMs: 24 * 3_600_000 };
  let vigil = await createVigil(options);
  const results: BenchResult[] = [];
  try {
    let ok = await signIn(vigil);
    const started = performance.now();
    const already = (vigil.store.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    if (already > 0 && already !== total) throw new Error(`${dir} holds ${already} tickets, not ${total}: set BENCH_TICKETS to match, or use another folder`);
    for (let from = already; from < total; from += CHUNK) {
      const outcome = (await ok('tickets.import', { format: 'csv', content: csvChunk(from, Math.min(total, from + CHUNK), total), mode: 'all' })) as { imported: number; issueCount: number; issues: unknown[] };
      if (outcome.issueCount > 0) throw new Error(`the generated rows have issues: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
      console.error(`# imported ${from + outcome.imported} tickets`);
    }
    const imported = performance.now();
    // The report waits for the aggregates to count every change before it answers.
    await ok('kpi.report', { range: { preset: '90d' } });
    results.push({ name: 'tickets', value: total, unit: 'tickets' });
    results.push({ name: 'import_and_count.s', value: ms((performance.now() - started) / 1000), unit: 's' });
    results.push({ name: 'count_after_last_chunk.s', value: ms((performance.now() - imported) / 1000), unit: 's' });

    const report = async (range: unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS + 3; i++) {
        const t = performance.now();
        await ok('kpi.report', { range });
        if (i >= 3) samples.push(performance.now() - t);
      }
      return sorted(samples);
    };
    for (const preset of ['90d', '30d', '7d', '24h'] as const) {
      const s = await report({ preset });
      results.push({ name: `report.${preset}.p50`, value: ms(pct(s, 50)), unit: 'ms' });
      results.push({ name: `report.${preset}.p99`, value: ms(pct(s, 99)), unit: 'ms' });
    }

    // The screen's queries back to back (report and targets, 90 days then 30), the loop's delay sampled meanwhile.
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    for (let i = 0; i < RUNS; i++) {
      await ok('kpi.report', { range: { preset: i % 2 === 0 ? '90d' : '30d' } });
      await ok('kpi.settings', {});
    }
    delay.disable();
    results.push({ name: 'loop_delay_during_reports.p99', value: ms(delay.percentile(99) / 1e6), unit: 'ms' });
    results.push({ name: 'loop_delay_during_reports.max', value: ms(delay.max / 1e6), unit: 'ms' });

    // A full rebuild from nothing: the same folder in another zone counts every ticket again.
    await vigil.close();
    vigil = await createVigil({ ...options, kpi: { timeZone: 'Pacific/Auckland' } });
    ok = await signIn(vigil);
    const rebuildDelay = monitorEventLoopDelay({ resolution: 1 });
    rebuildDelay.enable();
    const t = performance.now();
    await ok('kpi.report', { range: { preset: '90d' } });
    rebuildDelay.disable();
    results.push({ name: 'rebuild.s', value: ms((performance.now() - t) / 1000), unit: 's' });
    results.push({ name: 'loop_delay_during_rebuild.p99', value: ms(rebuildDelay.percentile(99) / 1e6), unit: 'ms' });
    const cells = (vigil.store.db.prepare('SELECT COUNT(*) AS n FROM kpi_cells').get() as { n: number }).n;
    results.push({ name: 'cells', value: cells, unit: 'rows' });
  } finally {
    await vigil.close();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
  return results;
};

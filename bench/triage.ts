/**
 * The Triage screen with 50,000 open tickets in a real browser: how long
 * after a console opens the queue's first row is painted.
 *
 * The renderer is built as `npm run console` builds it (electron-vite, into
 * out/). A real host (startHost: encrypted store in a temp folder, the OS
 * keychain under a throwaway service) is given the open tickets through
 * tickets.import in CSV batches of 10,000 (each with a history, created in
 * the last 30 days, all priorities, a fifth pending), made through the
 * dispatcher as an admin. The Debian Chromium (the project's flags, a 1920 ×
 * 1080 window, headless) then opens the console already signed in, in a new
 * browser context each time so nothing is cached, and the Element Timing API
 * says when the first row was painted (rows carry elementtiming): from the
 * click on Triage in the navigation (open.*, the screen's own cost), and from
 * the start of loading the page at #/triage (load.*, the app's start-up
 * included). The first tickets.list reply's timing is given beside them.
 *
 * Env: BENCH_TRIAGE_TICKETS (default 50000), BENCH_TRIAGE_RUNS (default 9,
 * quick 3; one warm-up run more is not counted).
 */
import { chromium } from '@playwright/test';
import { stringify } from 'csv-stringify/sync';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { CSV_COLUMNS } from '../src-main/tickets/transfer/import-format';
import { PRIORITIES } from '../src-shared/tickets';
import { CHROMIUM, envCount, load, measureRuns, paintFigures, type PaintTarget, round, runCleanups } from './first-paint';
import { startBenchConsole } from './console-host';
import type { BenchSuite } from './result';

const BATCH = 10_000;
const DAY = 86_400_000;
const SYSTEMS = ['Epic interface', 'Lab feed', 'PACS viewer', 'Badge reader', 'Infusion pump library', 'Printer', 'VPN', 'Pharmacy dispenser'];
const PROBLEMS = ['is down', 'is slow', 'returns errors', 'times out', 'rejects sign-in', 'shows stale data'];

/** `count` open tickets from `from` in the import format, varied but the same every run. */
function openTicketsCsv(from: number, count: number, now: number): string {
  const rows: string[][] = [];
  for (let i = from; i < from + count; i++) {
    const created = now - ((i * 7_919) % (30 * DAY)) - 60_000;
    const iso = (ms: number) => new Date(Math.min(ms, now - 1_000)).toISOString();
    const history = i % 5 === 0 ? `acknowledged@${iso(created + 300_000)}; pending(vendor)@${iso(created + 600_000)}` : i % 3 === 0 ? `acknowledged@${iso(created + 300_000)}` : '';
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      external_id: `TRIAGE-${i}`,
      title: `${SYSTEMS[i % SYSTEMS.length]} ${PROBLEMS[i % PROBLEMS.length]} on ward ${i % 60}`,
      description: `Reported by the ward; ticket ${i} of the bench.`,
      requester_name: `Requester ${i % 500}`,
      requester_department: `Department ${i % 40}`,
      requester_contact: '',
      // Emergencies are few, as in life (and an emergency needs its kind).
      priority: PRIORITIES[1 + (i % (PRIORITIES.length - 1))]!,
      category: (['technical', 'clinical', 'compliance_security', 'training', 'integration'] as const)[i % 5]!,
      emergency: '',
      status: '',
      status_history: history,
      assignee: '',
      tier: String(1 + (i % 3)),
      tags: '',
      created_at: iso(created),
      created_by: 'import',
      first_response_at: '',
      resolved_at: '',
      closed_at: '',
      csat_score: '',
      csat_comment: '',
    };
    rows.push(CSV_COLUMNS.map((c) => row[c]));
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}

export const run: BenchSuite = async ({ quick }) => {
  const tickets = envCount('BENCH_TRIAGE_TICKETS', 50_000);
  const runs = envCount('BENCH_TRIAGE_RUNS', quick ? 3 : 9);
  const cleanups: Array<() => unknown> = [];
  try {
    const { host, ok, token } = await startBenchConsole('triage', cleanups);

    const now = Date.now();
    const importStarted = performance.now();
    for (let from = 0; from < tickets; from += BATCH) {
      const outcome = await ok('tickets.import', { format: 'csv', content: openTicketsCsv(from, Math.min(BATCH, tickets - from), now), mode: 'all' }, token);
      if (outcome.issueCount > 0) throw new Error(`the generated rows have issues: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
      console.error(`# triage: imported ${from + outcome.imported} open tickets`);
    }
    const importMs = performance.now() - importStarted;
    const { total } = await ok('tickets.count', { filter: { status: 'open' } }, token);

    const loadAtStart = load();
    const browser = await chromium.launch({ ...CHROMIUM, headless: true });
    cleanups.push(() => browser.close());
    const target: PaintTarget = { url: host.url, token, screen: 'triage', navLabel: 'Triage', identifier: 'triage-row', channel: 'tickets.list', itemSelector: 'li.ticket-row' };
    const measured = await measureRuns(browser, target, runs);
    const loadAtEnd = load();

    console.error(
      `# triage: ${tickets} open tickets imported through tickets.import (${BATCH} a batch) into a real host in this process. ` +
        `Chromium ${browser.version()} headless at 1920 × 1080, a new context (empty cache) per run, ${runs} runs of each kind after one warm-up. ` +
        `open: signed in on Account, Triage clicked in the navigation, timed from the click; load: the page opened at #/triage, timed from ` +
        `the navigation's start (loading the app and its start-up calls included). Paint is the first row's Element Timing renderTime. ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average (1/5/15 min) ${loadAtStart} at start, ${loadAtEnd} at end.`,
    );
    return [
      { name: 'open_tickets', value: total, unit: 'open tickets counted (capped at 10,000)' },
      { name: 'import.ms', value: round(importMs, 0), unit: `ms to import ${tickets} open tickets` },
      ...paintFigures(measured, target, { reply: 'list', item: 'row', total: tickets }),
    ];
  } finally {
    await runCleanups(cleanups, 'triage');
  }
};

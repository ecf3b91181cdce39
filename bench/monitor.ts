/**
 * The whole live monitor under the issue's load: a real Vigil (createVigil:
 * encrypted store in a temp folder, the OS keychain under a throwaway
 * service, the dispatcher) probing 2,000 connections on the default plan
 * (DEFAULT_PROBE_PLAN: every 30 s, 2 retries) with the real diagnostics steps, kept
 * clients and storage. The EHR is the sandbox in a child process
 * (bench/sandbox-child.ts), so its CPU is not counted as Vigil's: one
 * server, each connection on its own virtual base /v/<n>/fhir, requireAuth
 * off and authMode 'none'.
 *
 * Connections are created through the dispatcher (connections.create, as an
 * admin), so the monitor picks each one up as the console would. Their first
 * runs are staggered over the first interval; the figures cover the window
 * after it (one interval after the last connection was saved), for
 * BENCH_MONITOR_SECONDS (default 300, quick 30). CPU is also given for the
 * whole run, start-up included.
 *
 * Database growth is measured on the live file (db + WAL after a TRUNCATE
 * checkpoint) and on the raw results table's pages (dbstat), as
 * bench/monitor-storage.ts does. A few minutes close no hour, so rollup rows
 * are not written during the run: their sizes, and with them the yearly
 * figure, come from monitor-storage's simulation, run afterwards.
 *
 * Env: BENCH_MONITOR_SECONDS, BENCH_MONITOR_CONNECTIONS (default 2000),
 * BENCH_MONITOR_CPU_PROFILE=<file.cpuprofile> to profile the measured window
 * (V8's sampling profiler, via node:inspector; it adds CPU of its own).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createVigil, type Vigil } from '../src-main/app/vigil';
import { LOCAL_SOURCE } from '../src-main/dispatch';
import { createLogger } from '../src-main/log';
import { failed } from '../src-main/monitor/outcome';
import type { RunReport } from '../src-main/monitor/scheduler';
import { DEFAULT_STORAGE_SETTINGS } from '../src-main/monitor/storage/settings';
import { DAY_MS } from '../src-main/monitor/storage/time';
import { createKeychain } from '../src-main/secrets/keychain';
import type { SecretStore } from '../src-main/secrets/secret-store';
import type { ChannelInput, ChannelName, ChannelOutput } from '../src-shared/contract';
import { DEFAULT_PROBE_PLAN } from '../src-shared/monitoring';
import { run as runStorageSuite } from './monitor-storage';
import type { BenchResult, BenchSuite } from './result';
import { startSandboxChild } from './sandbox-child-client';

const INTERVAL_MS = DEFAULT_PROBE_PLAN.intervalMs;
/** The issue's storage load: 500 connections probed every 30 s. */
const STORAGE_CONNECTIONS = 500;
const LOOP_RESOLUTION_MS = 10;
const MB = 1e6;
const ADMIN = { username: 'bench-admin', displayName: 'Bench Admin', password: 'correct horse battery staple' };

const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const envNumber = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
};
/** Starts V8's CPU profiler when BENCH_MONITOR_CPU_PROFILE names a file; the returned function writes the profile. */
async function startProfile(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_MONITOR_CPU_PROFILE;
  if (!file) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1_000 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`# monitor: CPU profile of the window written to ${file}`);
  };
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

// Vigil.

interface Rig {
  vigil: Vigil;
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string): Promise<ChannelOutput<C>>;
}

async function startVigil(dataDir: string, secrets: SecretStore, observe: (r: RunReport) => void, onLog: (line: string) => void): Promise<Rig> {
  const vigil = await createVigil({
    dataDir,
    secrets,
    sandbox: false,
    log: createLogger({ level: 'warn', sink: onLog }),
    monitor: { workstation: false, observe },
  });
  const ok = (async (channel: ChannelName, input: unknown, token?: string) => {
    const reply = await vigil.dispatch(channel, input, { token: token ?? null, source: LOCAL_SOURCE });
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }) as Rig['ok'];
  return { vigil, ok };
}

// Figures.

interface Window {
  lags: number[];
  runs: number;
  finals: number;
  failures: number;
  retries: number;
  warns: number;
}

const emptyWindow = (): Window => ({ lags: [], runs: 0, finals: 0, failures: 0, retries: 0, warns: 0 });

function dbFigures(vigil: Vigil): { rows: number; pageBytes: number; fileBytes: number } {
  const db = vigil.store.db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    rows: db.prepare('SELECT count(*) FROM monitor_results').pluck().get() as number,
    pageBytes: (db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'monitor_results'").pluck().get() as number | null) ?? 0,
    fileBytes: vigil.store.sizeBytes(),
  };
}

export const run: BenchSuite = async ({ quick }) => {
  const connections = Math.round(envNumber('BENCH_MONITOR_CONNECTIONS', 2_000));
  const seconds = envNumber('BENCH_MONITOR_SECONDS', quick ? 30 : 300);

  const cleanups: Array<() => unknown> = [];
  let cleaned: Promise<void> | null = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const step of cleanups.reverse()) {
        try {
          await step();
        } catch (err) {
          console.error(`# monitor bench: clean-up step failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })());
  // Kept while cleaning up, so a second Ctrl-C (tsx relays the first one too) cannot cut it short.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`# monitor bench: ${signal}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const loadAtStart = load();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-monitor-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const secrets = createKeychain({ service: `vigil-bench-monitor-${randomBytes(6).toString('hex')}` });
    cleanups.push(async () => {
      for (const account of await secrets.list()) await secrets.delete(account);
    });

    const child = await startSandboxChild('monitor');
    cleanups.push(() => child.stop());
    const { urls } = await child.ask({ type: 'urls', count: connections }, 'urls');

    // Reports land in `all` from the start and in `steady` once start-up is over.
    const all = emptyWindow();
    let steady: Window | null = null;
    const observe = (r: RunReport) => {
      for (const w of steady ? [all, steady] : [all]) {
        w.runs++;
        w.lags.push(r.lagMs);
        if (r.attempt > 0) w.retries++;
        if (!r.final) continue;
        w.finals++;
        if (failed(r.outcome)) w.failures++;
        else if (r.outcome.results.some((x) => x.status === 'warn' || (x.optional && x.status === 'fail'))) w.warns++;
      }
    };
    const logLines: string[] = [];
    let logCount = 0;
    const onLog = (line: string) => {
      logCount++;
      if (logLines.length < 5) logLines.push(line);
    };

    const cpuStart = cpuUs();
    const wallStart = performance.now();
    let rssPeak = 0;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 1_000);
    cleanups.push(() => clearInterval(sampler));

    const { vigil, ok } = await startVigil(dataDir, secrets, observe, onLog);
    cleanups.push(() => vigil.close());
    await ok('setup.createAdmin', ADMIN);
    const { token } = await ok('session.login', { username: ADMIN.username, password: ADMIN.password });

    const createStart = performance.now();
    for (let n = 0; n < connections; n++) {
      await ok('connections.create', { config: { name: `Bench EHR ${n}`, vendor: 'generic', baseUrl: urls[n]!, authMode: 'none' } }, token);
    }
    const createMs = performance.now() - createStart;
    const createCpuUs = cpuUs() - cpuStart;

    // Start-up: every connection's first run falls within one interval of its creation.
    await sleep(INTERVAL_MS);

    const db0 = dbFigures(vigil);
    const child0 = await child.ask({ type: 'stats' }, 'stats');
    const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loop.enable();
    const rssSteadyStart = process.memoryUsage().rss;
    const stopProfile = await startProfile();
    steady = emptyWindow();
    const cpuSteady = cpuUs();
    const wallSteady = performance.now();

    await sleep(seconds * 1_000);

    const steadyCpuUs = cpuUs() - cpuSteady;
    const steadyWallMs = performance.now() - wallSteady;
    const totalCpuUs = cpuUs() - cpuStart;
    const totalWallMs = performance.now() - wallStart;
    loop.disable();
    await stopProfile();
    const w: Window = steady;
    steady = null;
    const rssEnd = process.memoryUsage().rss;
    rssPeak = Math.max(rssPeak, rssEnd);
    const child1 = await child.ask({ type: 'stats' }, 'stats');
    const db1 = dbFigures(vigil);
    const loadAtEnd = load();

    await cleanup();
    // The rollup levels' row sizes: a live run of minutes closes no hour, so they come from the storage suite's simulation.
    console.error('# monitor: rollup row sizes from the monitor-storage simulation…');
    const storage = new Map((await runStorageSuite({ quick })).map((r) => [r.name, r.value]));
    const simulated = (name: string) => storage.get(name) ?? NaN;

    w.lags.sort((a, b) => a - b);
    all.lags.sort((a, b) => a - b);
    const loopMs = (p: number) => Math.max(0, loop.percentile(p) / 1e6 - LOOP_RESOLUTION_MS);
    const rows = db1.rows - db0.rows;
    const fileGrowth = db1.fileBytes - db0.fileBytes;
    const rawRow = db1.pageBytes / db1.rows;
    const perDay = {
      raw: STORAGE_CONNECTIONS * (DAY_MS / INTERVAL_MS) * rawRow,
      minute: STORAGE_CONNECTIONS * 1_440 * simulated('bytes.minute_row'),
      hour: STORAGE_CONNECTIONS * 24 * simulated('bytes.hour_row'),
      day: STORAGE_CONNECTIONS * simulated('bytes.day_row'),
    };
    const rollupsPerDay = perDay.hour + perDay.day;
    const rawPlateau = (DEFAULT_STORAGE_SETTINGS.rawRetentionMs / DAY_MS) * perDay.raw;
    const minutePlateau = (DEFAULT_STORAGE_SETTINGS.minuteRetentionMs / DAY_MS) * perDay.minute;
    const expectedRate = connections / (INTERVAL_MS / 1_000);

    console.error(
      `# monitor: ${connections} connections (authMode 'none', requireAuth off) to the sandbox EHR's virtual bases /v/0…/v/${connections - 1}/fhir, ` +
        `served by one sandbox in a child process (its CPU is not Vigil's: ${round(((child1.cpuUs - child0.cpuUs) / 1_000 / steadyWallMs) * 100)} % of a core, ` +
        `${child1.requests - child0.requests} requests in the window). A real Vigil (createVigil, encrypted store in a temp folder, keychain service ${secrets.service}, ` +
        `no workstation target) probed them on the default plan (every ${INTERVAL_MS / 1_000} s, timeout ${DEFAULT_PROBE_PLAN.timeoutMs / 1_000} s, ` +
        `${DEFAULT_PROBE_PLAN.retries} retries, concurrency 32). Connections were created through the dispatcher (connections.create as an admin) ` +
        `in ${round(createMs / 1_000)} s; figures cover ${seconds} s after one further interval of start-up; the *.incl_startup figures cover all ` +
        `${round(totalWallMs / 1_000)} s. ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average (1/5/15 min) ${loadAtStart} at start, ${loadAtEnd} at end. ` +
        `Vigil logged ${logCount} warning/error lines${logLines.length > 0 ? `, first: ${logLines[0]}` : ''}. ` +
        `Rollup row sizes (minute/hour/day) and so the per-year figure come from monitor-storage's simulation${quick ? ' (quick: 50 connections)' : ''}, since a run of minutes closes no hour.`,
    );

    const out: BenchResult[] = [
      { name: 'connections', value: connections, unit: `connections at ${INTERVAL_MS / 1_000} s` },
      { name: 'setup.create', value: round(createMs / connections, 2), unit: 'ms per connections.create through the dispatcher' },
      { name: 'setup.cpu', value: round(createCpuUs / 1_000 / createMs * 100), unit: '% of one core while creating connections' },
      { name: 'window', value: round(steadyWallMs / 1_000), unit: 's measured (after one interval of start-up)' },
      { name: 'runs', value: w.runs, unit: `runs (${w.retries} retries)` },
      { name: 'runs.rate', value: round(w.runs / (steadyWallMs / 1_000), 2), unit: `runs/s (expected ${round(expectedRate, 2)})` },
      { name: 'runs.failed', value: w.failures, unit: `final runs failed of ${w.finals}` },
      { name: 'runs.degraded', value: w.warns, unit: `final runs with a warning of ${w.finals}` },
      { name: 'lag.p50', value: round(percentile(w.lags, 0.5), 2), unit: 'ms' },
      { name: 'lag.p95', value: round(percentile(w.lags, 0.95), 2), unit: 'ms' },
      { name: 'lag.p99', value: round(percentile(w.lags, 0.99), 2), unit: 'ms (goal ≤ 100)' },
      { name: 'lag.max', value: round(w.lags.at(-1) ?? NaN, 2), unit: 'ms' },
      { name: 'lag.p99.incl_startup', value: round(percentile(all.lags, 0.99), 2), unit: `ms over all ${all.runs} runs` },
      { name: 'cpu', value: round((steadyCpuUs / 1_000 / steadyWallMs) * 100), unit: '% of one core (goal ≤ 10)' },
      { name: 'cpu.incl_startup', value: round((totalCpuUs / 1_000 / totalWallMs) * 100), unit: '% of one core, creating connections and first interval included' },
      { name: 'event_loop_delay.p50', value: round(loopMs(50), 2), unit: `ms beyond the ${LOOP_RESOLUTION_MS} ms sampling interval` },
      { name: 'event_loop_delay.p99', value: round(loopMs(99), 2), unit: `ms beyond the ${LOOP_RESOLUTION_MS} ms sampling interval` },
      { name: 'event_loop_delay.max', value: round(Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS), 2), unit: 'ms' },
      { name: 'rss.end', value: round(rssEnd / MB), unit: `MB (${round(rssSteadyStart / MB)} at the window's start)` },
      { name: 'rss.peak', value: round(rssPeak / MB), unit: 'MB, sampled every second' },
      { name: 'db.rows', value: rows, unit: 'results written in the window' },
      { name: 'db.growth', value: round(fileGrowth / MB, 2), unit: 'MB (db + WAL after a TRUNCATE checkpoint)' },
      { name: 'db.bytes_per_result', value: round(fileGrowth / rows), unit: 'B of file per result (whole pages)' },
      { name: 'bytes.raw_row', value: round(rawRow), unit: `B/row (monitor_results pages over its ${db1.rows} rows)` },
      { name: 'bytes.rollups', value: simulated('bytes.minute_row'), unit: `B/minute row; hour ${simulated('bytes.hour_row')}, day ${simulated('bytes.day_row')} (simulated)` },
      { name: 'growth.per_day.first_week', value: round((perDay.raw + perDay.minute + rollupsPerDay) / MB), unit: `MB/day (${STORAGE_CONNECTIONS} connections, 30 s)` },
      { name: 'growth.per_day.raw', value: round(perDay.raw / MB), unit: 'MB/day of raw results (measured row size)' },
      { name: 'growth.per_year.after_first_week', value: round((365 * rollupsPerDay) / MB), unit: 'MB/year (goal ≤ 200; hour and day rows)' },
      { name: 'size.raw_plateau', value: round(rawPlateau / MB), unit: `MB (${DEFAULT_STORAGE_SETTINGS.rawRetentionMs / DAY_MS} d of raw results)` },
      { name: 'size.after_one_year', value: round((rawPlateau + minutePlateau + 365 * rollupsPerDay) / MB), unit: 'MB (raw and minute plateaus + a year of hours and days)' },
    ];
    return out;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
};

/**
 * The status board with 2,000 targets in a real browser: how long after a
 * console opens its first tiles are painted.
 *
 * The renderer is built as `npm run console` builds it (electron-vite, into
 * out/). A real host (startHost: encrypted store in a temp folder, the OS
 * keychain under a throwaway service) watches 2,000 connections to the
 * sandbox EHR in a child process (bench/sandbox-child.ts, authMode 'none',
 * each on its own virtual base), made through the dispatcher as an admin,
 * spread over four vendors and eight site:… tags, and probed on the default
 * plan while the browser measures, as on a live wall. Once every target has
 * been probed, the Debian Chromium (the project's flags, a 1920 × 1080
 * window, headless) opens the console already signed in (the session token
 * the browser bridge keeps in sessionStorage), in a new browser context
 * each time so nothing is cached, and the Element Timing API says when the
 * first tile's name was painted (the tiles carry elementtiming): from the
 * click on Connections in the navigation (open.*, the board's own cost), and
 * from the start of loading the page at #/connections (load.*, the app's
 * start-up included). The monitor.board reply's timing is given beside them.
 *
 * Env: BENCH_BOARD_CONNECTIONS (default 2000), BENCH_BOARD_RUNS (default 9,
 * quick 3; one warm-up run more is not counted).
 */
import { chromium } from '@playwright/test';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { VENDOR_IDS } from '../src-shared/connection-config';
import { CHROMIUM, envCount, load, measureRuns, paintFigures, type PaintTarget, runCleanups } from './first-paint';
import { startBenchConsole } from './console-host';
import type { BenchSuite } from './result';
import { startSandboxChild } from './sandbox-child-client';

const SITES = ['north', 'south', 'east', 'west', 'central', 'harbour', 'hill', 'lake'];
/** The first probes of every target fall within the default interval (30 s); this bounds the wait for them. */
const PROBED_WITHIN_MS = 120_000;

export const run: BenchSuite = async ({ quick }) => {
  const connections = envCount('BENCH_BOARD_CONNECTIONS', 2_000);
  const runs = envCount('BENCH_BOARD_RUNS', quick ? 3 : 9);
  const cleanups: Array<() => unknown> = [];
  try {
    const { host, ok, token } = await startBenchConsole('board', cleanups);
    const child = await startSandboxChild('board');
    cleanups.push(() => child.stop());
    const { urls } = await child.ask({ type: 'urls', count: connections }, 'urls');

    console.error(`# board: creating ${connections} connections…`);
    for (let n = 0; n < connections; n++) {
      const config = {
        name: `EHR ${String(n).padStart(4, '0')}`,
        vendor: VENDOR_IDS[n % VENDOR_IDS.length]!,
        baseUrl: urls[n]!,
        authMode: 'none' as const,
        tags: [`site:${SITES[n % SITES.length]}`, ...(n % 3 === 0 ? ['clinical'] : [])],
      };
      await ok('connections.create', { config }, token);
    }
    const deadline = Date.now() + PROBED_WITHIN_MS;
    let unprobed = connections;
    while (Date.now() < deadline) {
      const { tiles } = await ok('monitor.board', {}, token);
      unprobed = tiles.filter((t) => t.status.state === 'UNKNOWN').length;
      if (unprobed === 0) break;
      await sleep(2_000);
    }

    const loadAtStart = load();
    const browser = await chromium.launch({ ...CHROMIUM, headless: true });
    cleanups.push(() => browser.close());
    const target: PaintTarget = { url: host.url, token, screen: 'connections', navLabel: 'Connections', identifier: 'board-tile', channel: 'monitor.board', itemSelector: 'li.tile' };
    const measured = await measureRuns(browser, target, runs);
    const loadAtEnd = load();

    console.error(
      `# board: ${connections} connections (${VENDOR_IDS.length} vendors, ${SITES.length} site tags) to the sandbox EHR in a child process, ` +
        `probed every 30 s by a real host in this process while the browser measured${unprobed > 0 ? ` (${unprobed} not yet probed when measuring began)` : ''}. ` +
        `Chromium ${browser.version()} headless at 1920 × 1080, a new context (empty cache) per run, ${runs} runs of each kind after one warm-up. ` +
        `open: signed in on Account, Connections clicked in the navigation, timed from the click; load: the page opened at #/connections, timed from ` +
        `the navigation's start (loading the app and its start-up calls included). Paint is the first tile name's Element Timing renderTime. ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average (1/5/15 min) ${loadAtStart} at start, ${loadAtEnd} at end.`,
    );
    return [
      { name: 'targets', value: connections, unit: 'tiles on the board' },
      ...paintFigures(measured, target, { reply: 'board', item: 'tile', total: connections }),
    ];
  } finally {
    await runCleanups(cleanups, 'board');
  }
};

/**
 * How long a screen takes to paint its first item in the Debian Chromium,
 * for the benches that open a console (board, triage): the page is opened in
 * a new browser context each time (an empty cache), already signed in (the
 * session token the browser bridge keeps in sessionStorage), and the
 * Element Timing API says when the first element marked
 * elementtiming="<identifier>" was painted.
 */
import type { Browser } from '@playwright/test';
import { loadavg } from 'node:os';
import type { BenchResult } from './result';

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** The load average (1/5/15 min), for the figures' notes: the machine is shared. */
export const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

export const envCount = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
};

export const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

export interface PaintRun {
  /** The first marked element painted, ms from `from`. */
  paint: number;
  /** The screen's data reply: asked for and all arrived, ms from `from`. */
  replyStart: number;
  replyEnd: number;
  replyBytes: number;
  /** Items in the page (the rest are not drawn until scrolled to). */
  itemsInPage: number;
}

export interface PaintTarget {
  url: string;
  token: string;
  /** The screen's hash ('connections') and its label in the navigation ('Connections'). */
  screen: string;
  navLabel: string;
  /** The elementtiming value of the items. */
  identifier: string;
  /** The channel whose reply the screen draws from ('monitor.board'). */
  channel: string;
  /** What counts the items drawn ('li.tile'). */
  itemSelector: string;
}

/** Runs in the page before the app: keeps the earliest paint of an element marked with the identifier. */
function watchPaint({ token, identifier }: { token: string; identifier: string }): void {
  // This file is type-checked without the DOM's types; the page has them.
  type Entry = { identifier: string; renderTime: number; loadTime: number };
  type Observer = new (callback: (list: { getEntries(): Entry[] }) => void) => { observe(options: { type: string; buffered: boolean }): void };
  const page = globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void }; PerformanceObserver: Observer; firstPaint: number | null };
  page.sessionStorage.setItem('vigil.sessionToken', token);
  page.firstPaint = null;
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier !== identifier) continue;
      const at = entry.renderTime || entry.loadTime;
      if (page.firstPaint === null || at < page.firstPaint) page.firstPaint = at;
    }
  }).observe({ type: 'element', buffered: true });
}

/**
 * One console in a new browser context. 'load': the page opened at the
 * screen, timed from the navigation's start (the app's own start-up
 * included). 'open': the page opened on the Account screen, then the screen
 * followed in the navigation, timed from the click.
 */
export async function measureFirstPaint(browser: Browser, target: PaintTarget, how: 'load' | 'open'): Promise<PaintRun> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchPaint, { token: target.token, identifier: target.identifier });
    let from = 0;
    if (how === 'load') {
      await page.goto(`${target.url}/#/${target.screen}`);
    } else {
      await page.goto(`${target.url}/#/settings/account`);
      const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: target.navLabel, exact: true });
      await link.waitFor();
      from = await link.evaluate((a) => {
        const page = globalThis as unknown as { performance: { now(): number } };
        const at = page.performance.now();
        (a as unknown as { click(): void }).click();
        return at;
      });
    }
    await page.waitForFunction(() => (globalThis as unknown as { firstPaint: number | null }).firstPaint !== null, null, { timeout: 60_000 });
    const found = await page.evaluate(
      ({ channel, itemSelector }) => {
        type Resource = { name: string; startTime: number; responseEnd: number; encodedBodySize: number };
        const page = globalThis as unknown as {
          firstPaint: number;
          performance: { getEntriesByType(type: string): Resource[] };
          document: { querySelectorAll(s: string): { length: number } };
        };
        const reply = page.performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/api/${channel}`));
        return {
          paint: page.firstPaint,
          replyStart: reply?.startTime ?? NaN,
          replyEnd: reply?.responseEnd ?? NaN,
          replyBytes: reply?.encodedBodySize ?? NaN,
          itemsInPage: page.document.querySelectorAll(itemSelector).length,
        };
      },
      { channel: target.channel, itemSelector: target.itemSelector },
    );
    return { ...found, paint: found.paint - from, replyStart: found.replyStart - from, replyEnd: found.replyEnd - from };
  } finally {
    await context.close();
  }
}

/** One warm-up run of each kind, not counted, then `runs` of each. */
export async function measureRuns(browser: Browser, target: PaintTarget, runs: number): Promise<{ opened: PaintRun[]; loaded: PaintRun[] }> {
  await measureFirstPaint(browser, target, 'open');
  const opened: PaintRun[] = [];
  const loaded: PaintRun[] = [];
  for (let i = 0; i < runs; i++) {
    opened.push(await measureFirstPaint(browser, target, 'open'));
    loaded.push(await measureFirstPaint(browser, target, 'load'));
  }
  return { opened, loaded };
}

const sortedBy = (runs: PaintRun[], pick: (r: PaintRun) => number) => runs.map(pick).sort((a, b) => a - b);
const medianOf = (runs: PaintRun[], pick: (r: PaintRun) => number) => round(percentile(sortedBy(runs, pick), 0.5));

/**
 * The figures every first-paint bench gives, named as the suite names its
 * reply (`board`: open.board_reply.p50…) and its items (`tile`: tiles_in_page).
 */
export function paintFigures(
  { opened, loaded }: { opened: PaintRun[]; loaded: PaintRun[] },
  { navLabel, channel }: PaintTarget,
  { reply, item, total }: { reply: string; item: string; total: number },
): BenchResult[] {
  const paint = sortedBy(opened, (r) => r.paint);
  return [
    { name: 'open.first_paint.p50', value: round(percentile(paint, 0.5)), unit: `ms from clicking ${navLabel} to the first ${item} painted (goal ≤ 500)` },
    { name: 'open.first_paint.max', value: round(paint.at(-1) ?? NaN), unit: `ms, worst of ${opened.length}` },
    { name: 'open.first_paint.min', value: round(paint[0] ?? NaN), unit: 'ms' },
    { name: `open.${reply}_reply.p50`, value: medianOf(opened, (r) => r.replyEnd - r.replyStart), unit: `ms for ${channel} (request to last byte)` },
    { name: 'open.render_after_reply.p50', value: medianOf(opened, (r) => r.paint - r.replyEnd), unit: `ms from the reply to the first ${item} painted` },
    { name: 'load.first_paint.p50', value: medianOf(loaded, (r) => r.paint), unit: 'ms from navigation start (app start-up included)' },
    { name: 'load.first_paint.max', value: round(sortedBy(loaded, (r) => r.paint).at(-1) ?? NaN), unit: `ms, worst of ${loaded.length}` },
    { name: `load.${reply}_asked.p50`, value: medianOf(loaded, (r) => r.replyStart), unit: `ms from navigation start to asking for ${channel}` },
    { name: `${reply}_reply.bytes`, value: opened[0]?.replyBytes ?? NaN, unit: 'B of JSON' },
    { name: `${item}s_in_page`, value: opened[0]?.itemsInPage ?? NaN, unit: `${item}s drawn of ${total}` },
  ];
}

/** The suite's clean-up steps, last made first; one failing does not stop the others. */
export async function runCleanups(steps: Array<() => unknown>, suite: string): Promise<void> {
  for (const step of steps.reverse()) {
    try {
      await step();
    } catch (err) {
      console.error(`# ${suite} bench: clean-up step failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

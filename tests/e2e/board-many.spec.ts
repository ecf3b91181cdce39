/**
 * The status board with 300 connections (and the sandbox's and the
 * workstation's tiles), made through the API as an admin would, each to its
 * own tenant of the embedded sandbox EHR: only the rows in view are in the
 * page, scrolling brings the rest, search, filters and grouping narrow it,
 * tiles keep their places while the pointer is on the board and catch up
 * when it leaves, Tab walks the tiles in reading order past the rows first
 * drawn (while notices arrive above the board, and after the view is
 * scrolled away from the focused tile), and Connections in the navigation
 * leads back from a detail.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkScreenInBothThemes, createFirstAdmin, ok } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

const CONNECTIONS = 300;
const TARGETS = CONNECTIONS + 2;
const SITES = ['north', 'south', 'east'];
/** The default plan probes each new connection within 30 s; this bounds the wait, on a loaded machine too. */
const PROBED_WITHIN_MS = 120_000;

let host: Host;

test.beforeAll(async () => {
  host = await startHost('board-many');
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

const nameOf = (n: number) => (n === 42 ? 'Harbour clinic' : `EHR ${String(n).padStart(3, '0')}`);

/** The tiles drawn now, in page order, by name. */
function drawnNames(page: Page): Promise<string[]> {
  return page.locator('li.tile h3, li.tile h4').evaluateAll((names) => names.map((n) => (n.querySelector('button')?.firstChild?.textContent ?? '').trim()));
}

function tile(page: Page, name: string) {
  return page.locator('li.tile').filter({ has: page.getByRole('button', { name: new RegExp(`^${name} \\(`) }) });
}

test('the board with 300 connections', async ({ page }) => {
  test.setTimeout(360_000);
  const ids = new Map<string, number>();

  await test.step(`an admin makes ${CONNECTIONS} connections through the API, and they are all probed`, async () => {
    await page.goto(host.url);
    await createFirstAdmin(page);
    const sandbox = await ok<{ baseUrl: string }>(page, 'sandbox.get', {});
    await ok(page, 'sandbox.set', { requireAuth: false });
    for (let n = 0; n < CONNECTIONS; n++) {
      const config = {
        name: nameOf(n),
        vendor: (['epic', 'cerner', 'allscripts', 'generic'] as const)[n % 4],
        baseUrl: sandbox.baseUrl.replace(/\/fhir$/, `/v/${n}/fhir`),
        authMode: 'none',
        tags: [`site:${SITES[n % SITES.length]}`, ...(n % 5 === 0 ? ['clinical'] : [])],
      };
      const made = await ok<{ id: number }>(page, 'connections.create', { config });
      ids.set(config.name, made.id);
    }
    await expect
      .poll(async () => (await ok<{ tiles: Array<{ status: { state: string } }> }>(page, 'monitor.board', {})).tiles.filter((t) => t.status.state === 'UNKNOWN').length, {
        timeout: PROBED_WITHIN_MS,
        intervals: [2_000],
      })
      .toBe(0);
  });

  const summary = page.getByRole('status').filter({ hasText: /targets/ });
  const board = page.locator('.board-grid');

  await test.step('only the rows in view are in the page; scrolling brings the last one', async () => {
    await page.reload();
    await expect(summary).toHaveText(`${TARGETS} targets`);
    const drawn = await page.locator('li.tile').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(60);
    await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await expect(page.locator(`li.tile[aria-posinset="${TARGETS}"]`)).toBeInViewport();
    expect(await page.locator('li.tile').count()).toBeLessThan(60);
    await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
    await checkScreenInBothThemes(page, 'board-many', { viewportOnly: true });
  });

  await test.step('search, a tag and a state narrow it, and it says how many it shows', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('harbour');
    await expect(summary).toHaveText(`Showing 1 of ${TARGETS} targets`);
    await expect.poll(() => drawnNames(page)).toEqual(['Harbour clinic']);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('combobox', { name: 'Tag' }).selectOption('clinical');
    await expect(summary).toHaveText(`Showing ${CONNECTIONS / 5} of ${TARGETS} targets`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(summary).toHaveText(`${TARGETS} targets`);
  });

  await test.step('grouped by site, in compact tiles', async () => {
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('tag:site');
    await page.getByRole('switch', { name: 'Compact tiles' }).click();
    await expect(page.getByRole('heading', { level: 3, name: /^site: / }).first()).toBeVisible();
    await expect(board).toHaveClass(/board-compact/);
    await checkScreenInBothThemes(page, 'board-many-grouped', { viewportOnly: true });
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('none');
    await page.getByRole('switch', { name: 'Compact tiles' }).click();
  });

  await test.step('tiles keep their places while the pointer is on the board, even as a notice arrives above it, and catch up when it leaves', async () => {
    const first = await drawnNames(page);
    const pointed = tile(page, first[4]!);
    await pointed.hover();
    const before = await pointed.boundingBox();
    const paused = `conn:${ids.get('EHR 250')}`;
    await ok(page, 'monitor.pause', { targetId: paused });
    // A connection nobody answers, probed every 5 s: it goes DOWN and its SEV1 alert's notice appears above the screen.
    const dead = await ok<{ id: number }>(page, 'connections.create', { config: { name: 'Dead clinic', vendor: 'generic', baseUrl: 'http://127.0.0.1:9/fhir', authMode: 'none' } });
    await ok(page, 'monitor.configure', { targetId: `conn:${dead.id}`, settings: { plan: { intervalMs: 5_000, timeoutMs: 2_000, retries: 0, retryIntervalMs: 1_000 }, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } });
    await expect(page.getByRole('region', { name: 'Desktop notifications' })).toContainText('Dead clinic', { timeout: 60_000 });
    await expect(summary).toContainText('Order held while the pointer or focus is on the board');
    await expect(page.getByText('Order held while the pointer or focus is on the board: changes show in place')).toBeVisible();
    expect(await drawnNames(page)).toEqual(first);
    // Where it was, to the pixel (the notice's height may be a fraction of one, scrolling is in whole ones).
    const after = await pointed.boundingBox();
    expect(after?.x).toBe(before?.x);
    expect(Math.abs((after?.y ?? Infinity) - (before?.y ?? 0))).toBeLessThan(1);

    await page.getByRole('banner').hover();
    await expect(summary).toHaveText(`${TARGETS + 1} targets`);
    await expect.poll(() => drawnNames(page).then((names) => names[0])).toBe('Dead clinic');
    const pausedTile = tile(page, 'EHR 250');
    await expect(pausedTile).toBeInViewport();
    await expect(pausedTile.locator('.state-badge')).toHaveText('Paused');
    expect(Number(await pausedTile.getAttribute('aria-posinset'))).toBeLessThan(6);
    await ok(page, 'monitor.resume', { targetId: paused });
    await ok(page, 'connections.delete', { id: dead.id });
    await expect(summary).toHaveText(`${TARGETS} targets`);
  });

  await test.step('Tab walks the tiles in reading order, past the rows first drawn, while notices arrive and after the view moves away', async () => {
    const desktop = (await ok<{ channels: Array<{ id: string; settings: { kind: string } }> }>(page, 'notify.channels.list', {})).channels.find((c) => c.settings.kind === 'desktop');
    if (!desktop) throw new Error('no desktop channel to send a notice through');
    const testNotices = page.getByRole('region', { name: 'Desktop notifications' }).getByRole('listitem').filter({ hasText: '[TEST] Vigil test notification' });
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    const steps = 45;
    const noticeAt = [10, 22];
    const positions: number[] = [];
    const focusedTiles = page.locator('li.tile:focus-within');
    let scrolledAway = false;
    // From the search box through the filters and switches (fewer than 20 stops) to the board.
    for (let stop = 0; stop < 20 && (await focusedTiles.count()) === 0; stop++) await page.keyboard.press('Tab');
    for (let i = 0; i < steps; i++) {
      positions.push(Number(await focusedTiles.getAttribute('aria-posinset', { timeout: 10_000 })));
      if (noticeAt.includes(i)) {
        // A notice arrives mid-walk: the tray grows above the board, <main> shrinks and scrolls to keep the board in place.
        await ok(page, 'notify.channels.test', { id: desktop.id });
        await expect(testNotices).toHaveCount(noticeAt.indexOf(i) + 1);
      }
      if (!scrolledAway && i > noticeAt.at(-1)! && (await focusedTiles.evaluate((tile) => tile.nextElementSibling === null))) {
        // On the last tile of a row, the view goes back to the top (a wheel, or the page moving above the board): the next Tab still goes on.
        scrolledAway = true;
        await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
        await expect(page.locator('li.tile[aria-posinset="1"]')).toBeInViewport();
      }
      await page.keyboard.press('Tab');
    }
    expect(positions).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
    expect(scrolledAway).toBe(true);
    await expect(focusedTiles).toBeInViewport();
  });

  await test.step("Connections in the navigation leads back to the board from a target's detail", async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('harbour');
    await page.getByRole('button', { name: /^Harbour clinic \(/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: /Harbour clinic/ })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections', exact: true }).click();
    await expect(summary).toHaveText(`Showing 1 of ${TARGETS} targets`);
    await expect(page.getByRole('heading', { level: 2, name: /Harbour clinic/ })).toHaveCount(0);
  });
});

/**
 * A wall display end to end, in two browsers: an admin adds one in Settings
 * and reads its code; the wall's browser (a second context, as another
 * computer would be) enters it and shows the board and the alerts in large
 * type. The admin's console locks after a few seconds without input (this
 * host runs with a short --idle-timeout); the wall stays up, reloads and
 * reconnects by itself, and follows an outage live. Removed in Settings,
 * the wall drops back to its pairing screen at once. Screens are scanned
 * and photographed on the way, the wall at 1080p and at 4K.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, checkScreen, checkScreenInBothThemes, createFirstAdmin, openScreen, ok } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

// Long enough for a screenshot and an accessibility scan between two inputs, short enough to wait out.
const IDLE_TIMEOUT_SECONDS = 15;
const FAST_PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 1, retryIntervalMs: 1_000 };
// Interval × (retries + 1) plus the retry wait, doubled for a busy machine, and a wall refresh on top.
const WITHIN_MS = 2 * (FAST_PLAN.intervalMs * (FAST_PLAN.retries + 1) + FAST_PLAN.retryIntervalMs) + 15_000;
/** Only a guard against a hang: sessions end on the host's 5-second sweep after the timeout. */
const LOCK_GUARD_MS = 60_000;

let host: Host;

test.beforeAll(async () => {
  host = await startHost('wall-display', { more: ['--idle-timeout', String(IDLE_TIMEOUT_SECONDS)] });
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

async function unlock(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Unlock' });
  await form.getByLabel('Password').fill(ADMIN.password);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Console locked' })).toBeHidden();
}

function wallTile(wall: Page, name: string) {
  return wall.locator('li.wall-tile').filter({ has: wall.getByRole('heading', { name }) });
}

test('a wall display: paired by an admin, up while the console locks, removed at once', async ({ page, browser }) => {
  test.setTimeout(300_000);
  let code = '';

  await test.step('an admin adds "NOC wall 1" in Settings and is shown its code once', async () => {
    await page.goto(`${host.url}/#/settings/displays`);
    await createFirstAdmin(page);
    // The sandbox connection probed every 5 s, so the outage below shows within seconds.
    const { tiles } = await ok<{ tiles: Array<{ targetId: string; name: string }> }>(page, 'monitor.board', {});
    const sandbox = tiles.find((t) => t.name === 'Sandbox EHR')!.targetId;
    await ok(page, 'monitor.configure', { targetId: sandbox, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } });
    await expect(page.getByRole('heading', { level: 1, name: 'Wall displays' })).toBeVisible();
    await page.getByRole('button', { name: 'Add wall display' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('NOC wall 1');
    await page.getByRole('button', { name: 'Add and show the code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pairing code for NOC wall 1' });
    await expect(dialog).toContainText(`${host.url}/#/display`);
    code = (await dialog.locator('.pairing-code-shown').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await checkScreen(page, 'wall-displays-code', 'dark');
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();

  await test.step("the wall's browser opens /#/display, enters the code, and shows the board in large type", async () => {
    await wall.goto(`${host.url}/#/display`);
    await expect(wall.getByRole('heading', { level: 1, name: 'Pair this screen as a wall display' })).toBeVisible();
    // Nothing of the console: no sign-in.
    await expect(wall.getByRole('form', { name: 'Sign in' })).toHaveCount(0);
    await checkScreenInBothThemes(wall, 'wall-pairing', { viewportOnly: true });
    await wall.getByLabel('Pairing code').fill(code.toLowerCase());
    await wall.getByRole('button', { name: 'Pair this screen' }).click();
    await expect(wall.getByRole('heading', { level: 1, name: 'NOC wall 1' })).toBeVisible();
    await expect(wallTile(wall, 'Sandbox EHR')).toBeVisible();
    await expect(wallTile(wall, 'This workstation')).toBeVisible();
    // Large type: the state words are at least twice the browser's default size at 1080p.
    const stateSize = await wallTile(wall, 'Sandbox EHR')
      .locator('.state-badge')
      .evaluate((badge) => Number.parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(badge).fontSize));
    expect(stateSize).toBeGreaterThanOrEqual(28);
    // Read-only: nothing on the wall opens or changes anything.
    await expect(wall.getByRole('button')).toHaveCount(0);
  });

  await test.step("the admin's console locks for want of input; the wall stays up, and a reload connects again by itself", async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Console locked' })).toBeVisible({ timeout: LOCK_GUARD_MS });
    await expect(wall.getByRole('heading', { level: 1, name: 'NOC wall 1' })).toBeVisible();
    await wall.reload();
    await expect(wall.getByRole('heading', { level: 1, name: 'NOC wall 1' })).toBeVisible();
    await expect(wallTile(wall, 'Sandbox EHR')).toBeVisible();
    await expect(wall.getByText('Cannot reach Vigil')).toHaveCount(0);
  });

  await test.step('an outage shows on the wall live: the tile turns DOWN, the alert appears beside it, in words and codes', async () => {
    await unlock(page);
    await ok(page, 'sandbox.set', { faults: { down: true } });
    await expect(wallTile(wall, 'Sandbox EHR').locator('.state-badge')).toHaveText('Down', { timeout: WITHIN_MS });
    await expect(wallTile(wall, 'Sandbox EHR')).toContainText('CapabilityStatement unreachable');
    const alerts = wall.getByRole('region', { name: /Active alerts/ });
    await expect(alerts.getByRole('listitem').filter({ hasText: 'Sandbox EHR' })).toContainText('Connection down', { timeout: WITHIN_MS });
    await expect(alerts).toContainText('SEV1');
    // What a server wrote never reaches the wall.
    await expect(wall.locator('body')).not.toContainText('ECONNREFUSED');
    await checkScreenInBothThemes(wall, 'wall', { viewportOnly: true });
    await wall.setViewportSize({ width: 3840, height: 2160 });
    await checkScreen(wall, 'wall-4k', 'dark', { viewportOnly: true });
    await wall.setViewportSize({ width: 1920, height: 1080 });
  });

  await test.step('Settings lists it paired and in contact; removing it sends the wall back to its pairing screen at once', async () => {
    if (await page.getByRole('heading', { level: 1, name: 'Console locked' }).isVisible()) await unlock(page);
    await openScreen(page, 'Wall displays');
    const row = page.getByRole('table', { name: 'Wall displays' }).getByRole('row', { name: /NOC wall 1/ });
    await expect(row).toContainText('Paired');
    await expect(row).toContainText('Connected');
    await checkScreenInBothThemes(page, 'wall-displays');
    await row.getByRole('button', { name: /^Remove/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove NOC wall 1?' });
    await confirm.getByRole('button', { name: 'Remove display' }).click();
    await expect(wall.getByRole('heading', { level: 1, name: 'Pair this screen as a wall display' })).toBeVisible({ timeout: 10_000 });
    await expect(wall.getByText('An administrator removed this wall display.')).toBeVisible();
    await expect(wall.locator('li.wall-tile')).toHaveCount(0);
    await ok(page, 'sandbox.set', { faults: { down: false } });
  });

  await wallContext.close();
});

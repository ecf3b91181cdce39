/**
 * The status board through an outage of the embedded sandbox EHR, as a NOC
 * operator sees it: the sandbox is switched down in Settings → Sandbox EHR,
 * its tile turns DOWN within interval × retries, a desktop notification and
 * a SEV1 alert appear, the alert is acknowledged from the keyboard on the
 * Alerts screen (a, then Enter for a SEV1; u takes it back), and once the sandbox is back up the tile returns to UP and
 * the alert resolves by itself. Screens are scanned and photographed on the
 * way. The waits are bounded by the probe plan (set to 5 s, one retry), not
 * by how fast anything is.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, checkScreenInBothThemes, createFirstAdmin, openScreen } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

const INTERVAL_S = 5;
const RETRIES = 1;
const RETRY_INTERVAL_S = 1;
// Interval × (retries + 1) plus the retry wait, then as much again for a busy machine.
const WITHIN_MS = 2 * 1_000 * (INTERVAL_S * (RETRIES + 1) + RETRY_INTERVAL_S);

let host: Host;

test.beforeAll(async () => {
  host = await startHost('monitoring');
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

function tile(page: Page, name: string) {
  return page.locator('li.tile').filter({ has: tileButton(page, name) });
}

/** The state word on a tile's band ("Up", "Down"…); "Uptime 24 h" elsewhere on every tile must not count. */
function stateOf(page: Page, name: string) {
  return tile(page, name).locator('.state-badge');
}

/** When the monitor says the target entered its current state, read through the page's own window.vigil. */
async function stateSince(page: Page, targetName: string): Promise<number> {
  return page.evaluate(async (name) => {
    type Board = { ok: boolean; data: { tiles: Array<{ name: string; status: { since: number } }> } };
    const vigil = (globalThis as unknown as { vigil: { invoke(channel: string, input: object): Promise<Board> } }).vigil;
    const reply = await vigil.invoke('monitor.board', {});
    return reply.data.tiles.find((t) => t.name === name)!.status.since;
  }, targetName);
}

/** A tile's button is named by the target, then its state. */
function tileButton(page: Page, name: string) {
  return page.getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

async function setSandboxDown(page: Page, down: boolean): Promise<void> {
  await openScreen(page, 'Sandbox EHR');
  const toggle = page.getByRole('switch', { name: 'Down' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', String(down));
}

/** The system notifications the page asked for, recorded by a wrapper installed before the console loads. */
async function systemNotifications(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { shownNotifications: string[] }).shownNotifications);
}

test('a sandbox outage on the status board: DOWN, notified, alerted, acknowledged, recovered', async ({ page, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['notifications']);
  await page.addInitScript(() => {
    // This file is type-checked without the DOM's types; the page has them.
    type NotificationClass = (new (title: string, options?: { body?: string }) => object) & { readonly permission: string };
    const page = globalThis as unknown as { Notification: NotificationClass; shownNotifications: string[] };
    const shown: string[] = [];
    page.shownNotifications = shown;
    const Real = page.Notification;
    // A headless browser has no notification centre to look at; the page's calls are the evidence.
    class Recorded extends Real {
      constructor(title: string, options?: { body?: string }) {
        super(title, options);
        shown.push(`${title}\n${options?.body ?? ''}`);
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    page.Notification = Recorded;
  });

  await test.step('the first start lands on the status board with the sandbox and the workstation', async () => {
    await page.goto(host.url);
    await createFirstAdmin(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Status board' })).toHaveAttribute('aria-selected', 'true');
    await expect(tile(page, 'Sandbox EHR')).toBeVisible();
    await expect(tile(page, 'This workstation')).toBeVisible();
  });

  await test.step('Monitoring settings: probe every 5 s with one retry', async () => {
    await tileButton(page, 'Sandbox EHR').click();
    await page.getByRole('button', { name: 'Monitoring settings' }).click();
    const form = page.getByRole('form', { name: 'Monitoring settings: Sandbox EHR' });
    await form.getByLabel('Interval (seconds)', { exact: true }).fill(String(INTERVAL_S));
    await form.getByLabel('Timeout (seconds)').fill('4');
    await form.getByLabel('Retries', { exact: true }).fill(String(RETRIES));
    await form.getByLabel('Retry interval (seconds)').fill(String(RETRY_INTERVAL_S));
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole('heading', { level: 2, name: /Sandbox EHR/ })).toBeVisible();
    await expect(page.locator('.detail-header, .target-detail').getByText('Up', { exact: true }).first()).toBeVisible({ timeout: WITHIN_MS });
    await checkScreenInBothThemes(page, 'board-detail-up');
    await page.keyboard.press('Escape');
    await expect(stateOf(page, 'Sandbox EHR')).toHaveText('Up', { timeout: WITHIN_MS });
    await checkScreenInBothThemes(page, 'board-all-up');
  });

  let downAt = 0;
  await test.step('the sandbox goes down: the tile turns DOWN within interval × retries, with a notification', async () => {
    await setSandboxDown(page, true);
    downAt = Date.now();
    await openScreen(page, 'Connections');
    await expect(stateOf(page, 'Sandbox EHR')).toHaveText('Down', { timeout: WITHIN_MS });
    // The monitor's own time of the transition, not how long the page took to show it.
    expect((await stateSince(page, 'Sandbox EHR')) - downAt).toBeLessThanOrEqual(WITHIN_MS);
    await expect(tile(page, 'Sandbox EHR')).toContainText('SEV1');
    const tray = page.getByRole('region', { name: 'Desktop notifications' });
    await expect(tray.getByRole('alert')).toContainText('Sandbox EHR');
    await expect.poll(() => systemNotifications(page)).toContainEqual(expect.stringContaining('Sandbox EHR'));
    await checkScreenInBothThemes(page, 'board-sandbox-down');
  });

  await test.step('the Alerts screen lists the SEV1 alert; a, then Enter, acknowledges it; u takes that back', async () => {
    await openScreen(page, 'Alerts');
    const row = page.getByRole('row').filter({ hasText: 'Connection down' });
    await expect(row).toContainText('Sandbox EHR');
    await expect(row).toContainText('SEV1');
    await checkScreenInBothThemes(page, 'alerts-open');
    // Selects the row (the severity cell, not the button that opens its details).
    await row.locator('td').first().click();
    await page.keyboard.press('a');
    // A SEV1: the question, with its answer focused; nothing is acknowledged yet.
    const question = page.getByRole('group', { name: 'Press Enter to acknowledge this SEV1 alert, Escape to cancel.' });
    await expect(question.getByRole('button', { name: /^Acknowledge/ })).toBeFocused();
    await expect(row).toContainText('Open');
    await checkScreenInBothThemes(page, 'alerts-confirm-sev1');
    await page.keyboard.press('Escape');
    await expect(question).toHaveCount(0);
    await expect(row).toContainText('Open');

    await page.keyboard.press('a');
    await expect(question).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(row).toContainText('Acknowledged');
    await expect(row).toContainText(`by ${ADMIN.username}`);
    await checkScreenInBothThemes(page, 'alerts-acknowledged');

    await page.keyboard.press('u');
    await expect(row).toContainText('Open');
    await expect(page.getByRole('status').filter({ hasText: 'Took back the acknowledgement' })).toBeVisible();
    await page.keyboard.press('a');
    await page.keyboard.press('Enter');
    await expect(row).toContainText('Acknowledged');
  });

  await test.step('back up: the tile returns to UP and the alert resolves by itself', async () => {
    await setSandboxDown(page, false);
    await openScreen(page, 'Connections');
    await expect(stateOf(page, 'Sandbox EHR')).toHaveText('Up', { timeout: WITHIN_MS });
    await expect(tile(page, 'Sandbox EHR')).not.toContainText('SEV1');
    await openScreen(page, 'Alerts');
    await expect(page.getByRole('row').filter({ hasText: 'Connection down' })).toHaveCount(0);
    await page.getByLabel('Resolved', { exact: true }).check();
    const resolved = page.getByRole('row').filter({ hasText: 'Connection down' });
    await expect(resolved).toContainText(/Resolved|Recovered/);
    await checkScreenInBothThemes(page, 'alerts-resolved');
  });
});

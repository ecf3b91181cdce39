/**
 * Live updates that recover, in a real browser against a host of this
 * spec's own. First only the page's event socket is cut (through a switch
 * the test holds in Playwright's WebSocket routing) while the host stays
 * up: the banner says updates paused and since when, and once the socket is
 * back what changed meanwhile is on screen without a reload. Then the host
 * itself is stopped and started again on its port and data folder, as an
 * administrator restarting the console would: the banner while it is away,
 * then, the host no longer knowing the session, the lock screen, and after
 * it the screen as the host has it.
 */
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { ADMIN, OPERATOR, checkScreenInBothThemes, createFirstAdmin, openScreen } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

// The bridge reconnects with a growing wait (up to 30 s) after each failed try, and
// the screen in view is refreshed every 30 s while paused: either brings it back.
const RECOVERY_MS = 60_000;

let host: Host;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  host = await startHost('live-updates');
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

/** A channel called from outside the page: another administrator at another console. */
async function callHost(channel: string, input: object, token?: string): Promise<unknown> {
  const response = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const reply = (await response.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
  if (!reply.ok) throw new Error(`${channel}: ${reply.error?.message}`);
  return reply.data;
}

/** What the page's bridge says of its event socket. */
function liveState(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { vigil: { live: { current(): { state: string } } } }).vigil.live.current().state);
}

const paused = (page: Page) => page.getByRole('status').filter({ hasText: 'Live updates paused — reconnecting; last update' });
const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' });

test('a lost event socket: the banner says since when, and its return brings what changed meanwhile', async ({ page }) => {
  test.setTimeout(150_000);
  let cut = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/api\/events$/, (ws) => {
    if (cut) {
      void ws.close({ code: 1012, reason: 'Cut by the test' });
      return;
    }
    ws.connectToServer();
    sockets.push(ws);
  });

  await test.step('signed in on Users, with events arriving', async () => {
    await page.goto(host.url);
    await createFirstAdmin(page);
    await openScreen(page, 'Users');
    await expect(usersTable(page)).toContainText(ADMIN.username);
    await expect.poll(() => liveState(page)).toBe('live');
    await expect(paused(page)).toHaveCount(0);
  });

  await test.step('the socket cut: the banner, with the time updates stopped', async () => {
    cut = true;
    for (const ws of sockets.splice(0)) await ws.close({ code: 1012, reason: 'Cut by the test' });
    await expect(paused(page)).toBeVisible();
    await expect(paused(page)).toContainText(/last update \d{2}:\d{2}:\d{2}/);
    await checkScreenInBothThemes(page, 'live-updates-paused');
  });

  await test.step('an account added elsewhere meanwhile shows once the socket is back, without a reload', async () => {
    const { token } = (await callHost('session.login', { username: ADMIN.username, password: ADMIN.password })) as { token: string };
    await callHost('users.create', { username: OPERATOR.username, displayName: OPERATOR.displayName, role: 'operator', password: OPERATOR.password }, token);
    cut = false;
    await expect(paused(page)).toBeHidden({ timeout: RECOVERY_MS });
    await expect(usersTable(page)).toContainText(OPERATOR.username);
    await expect(page.getByRole('status').filter({ hasText: 'Live updates resumed at' })).toBeVisible();
  });
});

test('a restarted host: the banner while it is away, then sign in again and the screen as the host has it', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`${host.url}/#/settings/users`);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Username').fill(ADMIN.username);
  await form.getByLabel('Password').fill(ADMIN.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(usersTable(page)).toContainText(OPERATOR.username);
  await expect.poll(() => liveState(page)).toBe('live');

  await stopHost(host);
  await expect(paused(page)).toBeVisible();

  host = await startHost('live-updates', { again: host });
  // Sessions live in the host's memory: the one this page held is gone, and the console says so.
  const unlock = page.getByRole('form', { name: 'Unlock' });
  await expect(page.getByRole('heading', { level: 1, name: 'Console locked' })).toBeVisible({ timeout: RECOVERY_MS });
  await unlock.getByLabel('Password').fill(ADMIN.password);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(usersTable(page)).toContainText(OPERATOR.username);
  await expect(paused(page)).toHaveCount(0);
  await expect.poll(() => liveState(page)).toBe('live');
});

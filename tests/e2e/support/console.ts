/**
 * What the specs do at the console over and over, written once the way a
 * person does it (labels, roles, visible words), plus the checks every screen
 * gets: an axe scan and a full-page screenshot.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChannelName } from '../../../src-shared/contract';
import type { Envelope } from '../../../src-shared/errors';

export interface Account {
  username: string;
  displayName: string;
  password: string;
}

export const ADMIN: Account = { username: 'ada', displayName: 'Ada Lovelace', password: 'correct horse battery' };
export const OPERATOR: Account = { username: 'olive.ops', displayName: 'Olive Operator', password: 'night shift 2200' };

export type Theme = 'dark' | 'light';
export const THEMES: readonly Theme[] = ['dark', 'light'];

const RESULTS = fileURLToPath(new URL('../../../test-results/', import.meta.url));
const SCREENS_DIR = `${RESULTS}screens`;
const AXE_DIR = `${RESULTS}axe`;

/** The first-run form: creates ADMIN, which also signs them in. */
export async function createFirstAdmin(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Create the administrator account' });
  await form.getByLabel('Username').fill(ADMIN.username);
  await form.getByLabel('Display name').fill(ADMIN.displayName);
  await form.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await form.getByLabel('Confirm password').fill(ADMIN.password);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expectSignedInAs(page, ADMIN, 'Administrator');
}

export async function signIn(page: Page, account: Account): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Username').fill(account.username);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Vigil' })).toBeVisible();
}

/** The app header names who is signed in and their role. */
export async function expectSignedInAs(page: Page, account: Account, roleLabel: string): Promise<void> {
  const header = page.getByRole('banner');
  await expect(header.getByText(account.displayName, { exact: true })).toBeVisible();
  await expect(header.getByText(roleLabel, { exact: true })).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Follows a link in the main navigation and waits for the screen's heading, which has the same words. */
export async function openScreen(page: Page, name: string): Promise<void> {
  await mainNav(page).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Calls a channel from inside the page through window.vigil, with the page's own session. */
export async function invokeFromPage(page: Page, channel: ChannelName, input: object): Promise<Envelope<unknown>> {
  return page.evaluate(
    ({ channel, input }) =>
      (globalThis as unknown as { vigil: { invoke(c: string, i: object): Promise<Envelope<unknown>> } }).vigil.invoke(channel, input),
    { channel, input },
  );
}

/** invokeFromPage for a call that must succeed: its data, or a thrown error naming the channel and main's refusal. */
export async function ok<T>(page: Page, channel: Parameters<typeof invokeFromPage>[1], input: object): Promise<T> {
  const reply = await invokeFromPage(page, channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data as T;
}

/** Switches the theme with the header's switch, then moves focus off it so screenshots show the screen, not the switch. */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  const toggle = page.getByRole('switch', { name: 'Light theme' });
  const wanted = String(theme === 'light');
  if ((await toggle.getAttribute('aria-checked')) !== wanted) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', wanted);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await toggle.blur();
}

/**
 * How much taller the window must be for nothing to scroll inside it. The
 * app frame is exactly one window high and its <main> scrolls, and an open
 * dialog scrolls inside its 92vh, so a full-page screenshot would stop at
 * the fold; this is what is hidden below it.
 */
async function hiddenBelowTheFold(page: Page): Promise<number> {
  return page.evaluate(() => {
    // Runs in the page; this project's Node typings have no DOM, so name the little it uses.
    type Box = { scrollHeight: number; clientHeight: number; getBoundingClientRect(): { height: number } };
    const page = globalThis as unknown as { innerHeight: number; document: { querySelector(selector: string): Box | null } };
    const hidden = (el: Box | null) => (el ? Math.max(0, el.scrollHeight - el.clientHeight) : 0);
    const dialog = page.document.querySelector('dialog[open]');
    // The dialog's height is a share of the window's: it needs that much more again.
    const dialogHidden = dialog ? hidden(dialog) / (dialog.getBoundingClientRect().height / page.innerHeight) : 0;
    return Math.ceil(Math.max(hidden(page.document.querySelector('main')), dialogHidden));
  });
}

/**
 * A screenshot of everything on the screen, scrolled-away parts included, for
 * people to look at: test-results/screens/<name>.png. The window grows for
 * the shot (so main's own scrolling has nothing left to hide) and gets its
 * size back afterwards.
 */
async function saveScreen(page: Page, name: string, viewportOnly: boolean): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const viewport = page.viewportSize();
  const extra = viewport && !viewportOnly ? await hiddenBelowTheFold(page) : 0;
  if (viewport && extra > 0) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height + extra });
    // Layout follows the new size before the next frame; wait for one so the shot sees it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const window = globalThis as unknown as { requestAnimationFrame(callback: () => void): void };
          window.requestAnimationFrame(() => window.requestAnimationFrame(() => resolve()));
        }),
    );
  }
  try {
    await page.screenshot({ path: `${SCREENS_DIR}/${name}.png`, fullPage: true, animations: 'disabled' });
  } finally {
    if (viewport && extra > 0) await page.setViewportSize(viewport);
  }
}

/**
 * Scans the page as it is now with axe (WCAG 2 A/AA and best practices) and
 * fails on anything serious or critical, naming each rule and element. Every
 * finding, lesser ones and those axe left for a person, is kept in
 * test-results/axe/<name>.json.
 */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const { violations, incomplete } = await new AxeBuilder({ page }).analyze();
  mkdirSync(AXE_DIR, { recursive: true });
  // "incomplete" is what axe could not decide alone (often contrast over a busy background): for a person to check.
  writeFileSync(`${AXE_DIR}/${name}.json`, JSON.stringify({ violations, incomplete }, null, 2));
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(blocking, `serious or critical accessibility problems on ${name}`).toEqual([]);
}

/**
 * `viewportOnly`: the window as it is, for screens whose scrolled-away part is
 * not in the page (the status board draws only the rows in view) or that are
 * one window high by design (a wall display).
 */
export interface ScreenShot {
  viewportOnly?: boolean;
}

/** Screenshot and axe scan of what is on screen, in one theme: <name>-<theme>. */
export async function checkScreen(page: Page, name: string, theme: Theme, shot: ScreenShot = {}): Promise<void> {
  await saveScreen(page, `${name}-${theme}`, shot.viewportOnly ?? false);
  await expectAccessible(page, `${name}-${theme}`);
}

/** The same in both themes; colour contrast differs between them. */
export async function checkScreenInBothThemes(page: Page, name: string, shot: ScreenShot = {}): Promise<void> {
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await checkScreen(page, name, theme, shot);
  }
}

/**
 * A console left alone locks itself. This host was started with
 * --idle-timeout (see support/servers.ts), so the wait is seconds, not the
 * default 15 minutes.
 */
import { expect, test } from '@playwright/test';
import { ADMIN, checkScreenInBothThemes, createFirstAdmin, expectSignedInAs, signIn } from './support/console';
import { IDLE_TIMEOUT_SECONDS, serverUrl } from './support/servers';

test.use({ baseURL: serverUrl('idle') });

/**
 * Only a guard against a hang: the session ends on the host's next sweep
 * after the timeout (every 5 s), and a loaded machine may be slower still.
 */
const LOCK_HANG_GUARD_MS = 60_000;

test('an idle console locks, names who was signed in, and unlocks back to the same screen', async ({ page }) => {
  await test.step('sign in on a screen other than the first', async () => {
    // Asked for by address, so it shows the moment the session starts: with seconds
    // to the lock, the test does nothing slow before checking it.
    await page.goto('/#/settings/account');
    await createFirstAdmin(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
    // The host's own timeout reached the session: this is the --idle-timeout the host was started with.
    await expect(page.getByText(`After ${IDLE_TIMEOUT_SECONDS} seconds without activity`)).toBeVisible();
  });

  const lockHeading = page.getByRole('heading', { level: 1, name: 'Console locked' });
  await test.step('left alone, the console locks and names the user', async () => {
    await expect(lockHeading).toBeVisible({ timeout: LOCK_HANG_GUARD_MS });
    await expect(page.getByText('The console locked itself after a period without activity.')).toBeVisible();
    await expect(page.getByText(`${ADMIN.displayName} (${ADMIN.username}), Administrator`)).toBeVisible();
    // Nothing of the app stays in the page behind the lock.
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  });

  await test.step('screenshots and accessibility of the lock screen, also with a wrong password', async () => {
    await checkScreenInBothThemes(page, 'lock');
    const form = page.getByRole('form', { name: 'Unlock' });
    await form.getByLabel('Password').fill('not the password');
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(form.getByRole('alert')).toContainText('That password is not right. Try again.');
    await expect(form.getByLabel('Password')).toBeFocused();
    await checkScreenInBothThemes(page, 'lock-error');
  });

  await test.step('the password unlocks it, back on the same screen', async () => {
    const form = page.getByRole('form', { name: 'Unlock' });
    await form.getByLabel('Password').fill(ADMIN.password);
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(lockHeading).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' })).toHaveAttribute('aria-current', 'page');
    await expectSignedInAs(page, ADMIN, 'Administrator');
  });
});

test('a console on a screen that keeps refreshing still locks when nobody is at it, and stays open while someone is', async ({ page }) => {
  await page.goto('/');
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
  // A screen refreshing itself every second, as the board does on events: none of it is a person at the console.
  await page.evaluate(() => {
    const vigil = (globalThis as unknown as { vigil: { invoke(channel: string, input: object): Promise<unknown> } }).vigil;
    setInterval(() => void vigil.invoke('monitor.board', {}), 1_000);
  });

  await test.step('someone working the keyboard keeps it open past the timeout', async () => {
    const until = Date.now() + 3 * IDLE_TIMEOUT_SECONDS * 1_000;
    while (Date.now() < until) {
      await page.keyboard.press('Shift');
      await page.waitForTimeout(500);
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
  });

  await test.step('left alone with the refreshes going on, it locks', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Console locked' })).toBeVisible({ timeout: LOCK_HANG_GUARD_MS });
  });
});

/**
 * Every screen and dialog, in the dark and the light theme: a full-page
 * screenshot for people to look at (test-results/screens/) and an axe scan
 * that must find nothing serious or critical. Error states are included,
 * since those are the screens read under stress. The lock screen is covered
 * where it appears, in inactivity-lock.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  ADMIN,
  OPERATOR,
  THEMES,
  checkScreen,
  checkScreenInBothThemes,
  createFirstAdmin,
  expectSignedInAs,
  openScreen,
  setTheme,
  signIn,
} from './support/console';
import { e2eKeychainService, serverUrl } from './support/servers';

test.use({ baseURL: serverUrl('tour') });
// One host, visited in order: setup exists only until the first account does.
test.describe.configure({ mode: 'serial' });

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/');
  await signIn(page, ADMIN);
  await expectSignedInAs(page, ADMIN, 'Administrator');
}

test('first-run setup', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Vigil' })).toBeVisible();
  await checkScreenInBothThemes(page, 'setup');

  const form = page.getByRole('form', { name: 'Create the administrator account' });
  await form.getByRole('button', { name: 'Create account' }).click();
  const username = form.getByLabel('Username');
  await expect(username).toBeFocused();
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Display name')).toHaveAccessibleDescription(/Enter a name/);
  await checkScreenInBothThemes(page, 'setup-errors');

  await createFirstAdmin(page);
});

test('the administrator’s screens', async ({ page }) => {
  await signInAsAdmin(page);

  await openScreen(page, 'Audit');
  await expect(page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ entries/ })).toBeVisible();
  await checkScreenInBothThemes(page, 'audit');
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chain intact' })).toBeVisible();
  await checkScreenInBothThemes(page, 'audit-verified');

  await openScreen(page, 'Users');
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row', { name: new RegExp(ADMIN.username) })).toBeVisible();
  await checkScreenInBothThemes(page, 'users');

  await openScreen(page, 'Account');
  await checkScreenInBothThemes(page, 'account');

  await openScreen(page, 'About this console');
  await expect(page.getByRole('definition').filter({ hasText: `secrets are under "${e2eKeychainService()}"` })).toBeVisible();
  await checkScreenInBothThemes(page, 'about');
});

test('the account dialogs', async ({ page }) => {
  await signInAsAdmin(page);
  await openScreen(page, 'Users');
  const newAccount = page.getByRole('dialog', { name: 'New account' });

  for (const theme of THEMES) {
    // The theme switch sits behind a modal dialog, so each theme opens the dialog afresh.
    await setTheme(page, theme);
    await page.getByRole('button', { name: 'New account' }).click();
    await expect(newAccount.getByLabel('Username')).toBeFocused();
    await checkScreen(page, 'create-user', theme);
    await newAccount.getByLabel('Password', { exact: true }).fill('short');
    await newAccount.getByLabel('Confirm password').fill('shorter');
    await newAccount.getByRole('button', { name: 'Create account' }).click();
    await expect(newAccount.getByLabel('Confirm password')).toHaveAccessibleDescription('The two passwords are not the same');
    await checkScreen(page, 'create-user-errors', theme);
    await newAccount.getByRole('button', { name: 'Cancel' }).click();
    await expect(newAccount).toBeHidden();
  }

  // An account to reset and disable.
  await page.getByRole('button', { name: 'New account' }).click();
  await newAccount.getByLabel('Username').fill(OPERATOR.username);
  await newAccount.getByLabel('Display name').fill(OPERATOR.displayName);
  await newAccount.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
  await newAccount.getByLabel('Confirm password').fill(OPERATOR.password);
  await newAccount.getByRole('button', { name: 'Create account' }).click();
  await expect(newAccount).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Created ${OPERATOR.username}` })).toBeVisible();
  await checkScreenInBothThemes(page, 'users-created');

  // Nothing the host would refuse is offered: not disabling yourself, nor the only administrator.
  const ownRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: ADMIN.displayName });
  await expect(ownRow.getByRole('button')).toHaveCount(0);
  await expect(ownRow.getByRole('combobox')).toHaveCount(0);
  await expect(ownRow).toContainText('The only active administrator');

  const reset = page.getByRole('dialog', { name: `Reset the password of ${OPERATOR.username}` });
  const disable = page.getByRole('dialog', { name: `Disable ${OPERATOR.username}?` });
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await page.getByRole('button', { name: `Reset password for ${OPERATOR.username}` }).click();
    await checkScreen(page, 'reset-password', theme);
    await reset.getByRole('button', { name: 'Cancel' }).click();
    await expect(reset).toBeHidden();

    await page.getByRole('button', { name: `Disable ${OPERATOR.username}` }).click();
    await checkScreen(page, 'disable-user', theme);
    await disable.getByRole('button', { name: 'Cancel' }).click();
    await expect(disable).toBeHidden();
  }
  // Opening a dialog was the next action: the "Created …" line is gone.
  await expect(page.getByText(`Created ${OPERATOR.username}`)).toHaveCount(0);
});

test('the monitoring screens', async ({ page }) => {
  await signInAsAdmin(page);

  await openScreen(page, 'Alerts');
  await expect(page.getByRole('table', { name: 'Alerts' })).toBeVisible();
  await checkScreenInBothThemes(page, 'alerts');

  await openScreen(page, 'Notifications');
  await expect(page.getByRole('table', { name: 'Channels' }).getByRole('row', { name: /This console/ })).toBeVisible();
  await checkScreenInBothThemes(page, 'notifications');

  await openScreen(page, 'Maintenance windows');
  await expect(page.getByRole('table', { name: 'Maintenance windows' })).toBeVisible();
  await checkScreenInBothThemes(page, 'maintenance');

  await openScreen(page, 'Alert rules');
  await expect(page.getByLabel('Tier 1: days before expiry')).toHaveValue('30');
  await checkScreenInBothThemes(page, 'alert-rules');
  await page.getByLabel('Tier 3: days before expiry').fill('14');
  await page.getByRole('button', { name: 'Save alert rules' }).click();
  await expect(page.getByLabel('Tier 3: days before expiry')).toHaveAccessibleDescription(/already a tier/);
  await checkScreenInBothThemes(page, 'alert-rules-errors');
});

test('the monitoring dialogs', async ({ page }) => {
  await signInAsAdmin(page);
  await openScreen(page, 'Notifications');
  const newChannel = page.getByRole('dialog', { name: 'New notification channel' });
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await page.getByRole('button', { name: 'New channel' }).click();
    await newChannel.getByLabel('E-mail').check();
    await newChannel.getByRole('button', { name: 'Add channel' }).click();
    await expect(newChannel.getByLabel('SMTP host')).toHaveAccessibleDescription('Enter the SMTP host');
    await checkScreen(page, 'new-channel-errors', theme);
    await newChannel.getByRole('button', { name: 'Cancel' }).click();
    await expect(newChannel).toBeHidden();
  }

  await openScreen(page, 'Maintenance windows');
  const plan = page.getByRole('dialog', { name: 'Plan a maintenance window' });
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await page.getByRole('button', { name: 'Plan a window' }).click();
    await plan.getByLabel('Recurring').check();
    await expect(plan.getByLabel('Cron pattern')).toHaveAccessibleDescription(/Next: /);
    await checkScreen(page, 'plan-window', theme);
    await plan.getByRole('button', { name: 'Cancel' }).click();
    await expect(plan).toBeHidden();
  }
});

test('sign-in', async ({ page }) => {
  await page.goto('/');
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form.getByLabel('Username')).toBeFocused();
  await checkScreenInBothThemes(page, 'login');

  await signIn(page, { ...ADMIN, password: 'not the password' });
  await expect(form.getByRole('alert')).toContainText('Wrong username or password');
  await checkScreenInBothThemes(page, 'login-error');
});

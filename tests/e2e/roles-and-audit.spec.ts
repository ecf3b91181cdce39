/**
 * The first hour of a new console, on the `npm run console` host: set up the
 * administrator, add an operator, see that the operator can neither open nor
 * call what their role may not use, and find all of it in a verified audit trail.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  ADMIN,
  OPERATOR,
  createFirstAdmin,
  expectSignedInAs,
  invokeFromPage,
  mainNav,
  openScreen,
  signIn,
  signOut,
} from './support/console';
import { serverUrl } from './support/servers';

test.use({ baseURL: serverUrl('console') });

function auditRows(page: Page, actor: string, action: string, outcome: string) {
  return page
    .getByRole('table', { name: 'Audit trail' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: actor, exact: true }) })
    .filter({ has: page.getByRole('cell', { name: action, exact: true }) })
    .filter({ hasText: outcome });
}

test('setup, an operator account, role limits and the audit trail', async ({ page }) => {
  await test.step('first-run setup creates the administrator and signs them in', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Set up Vigil' })).toBeVisible();
    await createFirstAdmin(page);
    for (const name of ['Audit', 'Users', 'Account']) await expect(mainNav(page).getByRole('link', { name, exact: true })).toBeVisible();
  });

  await test.step('the administrator creates an operator; a short password is refused next to its field', async () => {
    await openScreen(page, 'Users');
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('Username').fill(OPERATOR.username);
    await dialog.getByLabel('Display name').fill(OPERATOR.displayName);
    await expect(dialog.getByRole('radio', { name: 'NOC operator' })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: 'NOC operator' })).toHaveAccessibleDescription('Watch connections, acknowledge alerts, run diagnostics, tune monitoring (pauses, maintenance, alert rules), triage tickets and comment on tickets.');
    await dialog.getByLabel('Password', { exact: true }).fill('too short');
    await dialog.getByLabel('Confirm password').fill('too short');
    await dialog.getByRole('button', { name: 'Create account' }).click();

    const password = dialog.getByLabel('Password', { exact: true });
    await expect(password).toBeFocused();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Use at least 12 characters', { exact: true })).toBeVisible();
    // The error takes the hint's place: one message, read once.
    await expect(password).toHaveAccessibleDescription('Use at least 12 characters');

    await password.fill(OPERATOR.password);
    await dialog.getByLabel('Confirm password').fill(OPERATOR.password);
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Created ${OPERATOR.username} (NOC operator)` })).toBeVisible();
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: OPERATOR.username });
    await expect(row.getByRole('combobox', { name: `Role for ${OPERATOR.username}` })).toHaveValue('operator');
    await signOut(page);
  });

  await test.step('a wrong password is refused in words; the right one signs the operator in', async () => {
    await signIn(page, { ...OPERATOR, password: 'not the password' });
    const form = page.getByRole('form', { name: 'Sign in' });
    await expect(form.getByRole('alert')).toContainText('Wrong username or password. Check both, or ask an administrator to reset your password.');
    // The password is to be retyped: emptied, with the cursor in it.
    await expect(form.getByLabel('Password')).toHaveValue('');
    await expect(form.getByLabel('Password')).toBeFocused();
    await expect(form.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

    await signIn(page, OPERATOR);
    await expectSignedInAs(page, OPERATOR, 'NOC operator');
  });

  await test.step('the operator is offered neither Users nor Audit, and the host refuses those channels', async () => {
    await expect(mainNav(page).getByRole('link', { name: 'Account', exact: true })).toBeVisible();
    for (const name of ['Audit', 'Users']) await expect(mainNav(page).getByRole('link', { name, exact: true })).toHaveCount(0);
    // Typing an admin screen's address shows the first Settings screen the role may see instead.
    await page.goto('/#/settings/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Maintenance windows' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toHaveCount(0);

    for (const [channel, input] of [
      ['users.list', {}],
      ['audit.list', {}],
      ['audit.verify', {}],
      ['users.create', { username: 'mallory', displayName: 'Mallory', role: 'admin', password: 'let me in please' }],
    ] as const) {
      const reply = await invokeFromPage(page, channel, input);
      expect(reply, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // The same session still works for what an operator may do: the refusals were about the role.
    expect(await invokeFromPage(page, 'session.whoami', {})).toMatchObject({ ok: true, data: { user: { username: OPERATOR.username } } });
    await signOut(page);
  });

  await test.step('back as administrator, the audit trail shows every step', async () => {
    await signIn(page, ADMIN);
    await expectSignedInAs(page, ADMIN, 'Administrator');
    await openScreen(page, 'Audit');

    await expect(auditRows(page, ADMIN.username, 'setup.createAdmin', 'Succeeded')).toHaveCount(1);
    await expect(auditRows(page, ADMIN.username, 'session.login', 'Succeeded')).toHaveCount(2);
    await expect(auditRows(page, ADMIN.username, 'users.create', 'Succeeded')).toHaveCount(1);
    await expect(auditRows(page, ADMIN.username, 'session.logout', 'Succeeded')).toHaveCount(1);
    await expect(auditRows(page, OPERATOR.username, 'session.login', 'Refused: authentication failed')).toContainText('wrong_password');
    await expect(auditRows(page, OPERATOR.username, 'session.login', 'Succeeded')).toHaveCount(1);
    // The operator's attempt to create an account is on record; reads are not audited.
    await expect(auditRows(page, OPERATOR.username, 'users.create', 'Refused: not allowed')).toHaveCount(1);
    await expect(auditRows(page, OPERATOR.username, 'session.logout', 'Succeeded')).toHaveCount(1);
  });

  await test.step('Verify chain finds the chain intact, and Export saves every entry', async () => {
    const summary = page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ entries/ });
    const total = Number(/of (\d+) entries/.exec(await summary.innerText())?.[1]);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Chain intact' })).toHaveText(
      new RegExp(`^Chain intact — ${total} entries checked at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$`),
    );

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toContainText(`Exported ${total} entries as ${file.suggestedFilename()}`);
    const lines = readFileSync(await file.path(), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(total);
    expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // The export is itself audited, and the open table shows it without a reload.
    await expect(auditRows(page, ADMIN.username, 'audit.export', 'Succeeded')).toHaveCount(1);
  });
});

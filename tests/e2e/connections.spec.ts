/**
 * The Connections screen on a console's first start: the Sandbox EHR
 * connection Vigil makes by itself passes its diagnostics, fails with the
 * right guidance while the sandbox is down (switched in Settings → Sandbox
 * EHR) and passes again once it is back up.
 *
 * It needs a data folder nobody has used: the suite's hosts each belong to a
 * spec that begins with first-run setup, and this file sorts before them. So
 * it starts a host of its own, from the build the suite's first webServer
 * made, keeping its secrets under the run's keychain service like the others,
 * so the global teardown removes them with theirs.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, THEMES, checkScreen, checkScreenInBothThemes, createFirstAdmin, invokeFromPage, mainNav, openScreen, setTheme, signIn } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

const NETWORK_GUIDANCE = 'The endpoint could not be reached: check the base URL, DNS, firewall rules and the proxy setting.';

let host: Host;

// The form's test signs in with the administrator the first one made.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  host = await startHost('connections');
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

function connectionRow(page: Page) {
  return page.getByRole('table', { name: 'Connections' }).getByRole('row').filter({ hasText: 'Sandbox EHR' });
}

function diagnosticsRows(page: Page) {
  return page.getByRole('table', { name: 'Diagnostics' }).locator('tbody tr');
}

async function testNow(page: Page): Promise<void> {
  await connectionRow(page).getByRole('button', { name: 'Test now Sandbox EHR' }).click();
}

async function setSandboxDown(page: Page, down: boolean): Promise<void> {
  await openScreen(page, 'Sandbox EHR');
  const toggle = page.getByRole('switch', { name: 'Down' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', String(down));
  await expect(page.getByRole('status').filter({ hasText: `Down switched ${down ? 'on' : 'off'}.` })).toBeVisible();
}

async function expectAllPassing(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^All checks passed/ })).toBeVisible();
  await expect(diagnosticsRows(page)).toHaveCount(7);
  await expect(diagnosticsRows(page).filter({ hasText: /^Fail/ })).toHaveCount(0);
  await expect(connectionRow(page)).toContainText('All checks passed');
}

test('the sandbox connection passes, fails with guidance while the sandbox is down, and passes again', async ({ page }) => {
  // Two full test runs and eight screenshots with axe scans.
  test.setTimeout(180_000);

  await test.step('on first start the Connections screen shows the Sandbox EHR connection', async () => {
    await page.goto(host.url);
    await createFirstAdmin(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
    await expect(mainNav(page).getByRole('link').first()).toHaveText('Connections');
    // It lands on the status board; the list and its diagnostics are one tab away (and stay chosen).
    await expect(page.getByRole('tab', { name: 'Status board', selected: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Sandbox EHR \(/ })).toBeVisible();
    await page.getByRole('tab', { name: 'Setup & diagnostics' }).click();
    await expect(connectionRow(page)).toContainText('Not tested yet');
    await expect(page.getByText('Register this public key with the EHR vendor for client ID')).toBeVisible();
    await checkScreenInBothThemes(page, 'connections-first-start');
  });

  await test.step('Test now passes every check', async () => {
    await testNow(page);
    await expectAllPassing(page);
    await checkScreenInBothThemes(page, 'connections-passed');
  });

  await test.step('Settings → Sandbox EHR takes the sandbox down', async () => {
    await setSandboxDown(page, true);
    await expect(page.getByRole('status').filter({ hasText: 'Faults on: down' })).toBeVisible();
    await checkScreenInBothThemes(page, 'connections-sandbox-down');
  });

  await test.step('Test now fails where the sandbox cannot be reached, and says what to check', async () => {
    await openScreen(page, 'Connections');
    await testNow(page);
    await expect(page.getByRole('alert').filter({ hasText: /^Failed at / })).toContainText(NETWORK_GUIDANCE);
    const failed = diagnosticsRows(page).filter({ hasText: /^Fail/ });
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText(`NETWORK · network_unreachable — ${NETWORK_GUIDANCE}`);
    await expect(connectionRow(page)).toContainText('Failed at');
    await checkScreenInBothThemes(page, 'connections-failed');
  });

  await test.step('a server that answers with errors: its own words are quoted apart from Vigil’s', async () => {
    expect(await invokeFromPage(page, 'sandbox.set', { faults: { down: false, errorRate: 1 } })).toMatchObject({ ok: true });
    // Still on Setup & diagnostics (following the Connections link from here would lead to the board).
    await testNow(page);
    // Every step the errors reach quotes the server; the first is enough to read.
    const quoted = page.locator('figure.server-text').first();
    await expect(quoted.locator('figcaption')).toHaveText('The server said:');
    await expect(quoted.locator('blockquote')).toContainText('sandbox error-rate switch');
    await checkScreenInBothThemes(page, 'connections-server-text');
    expect(await invokeFromPage(page, 'sandbox.set', { faults: { errorRate: 0, down: true } })).toMatchObject({ ok: true });
  });

  await test.step('with the sandbox back up, Test now passes again', async () => {
    await setSandboxDown(page, false);
    await expect(page.getByRole('status').filter({ hasText: 'No faults: the sandbox answers normally' })).toBeVisible();
    await openScreen(page, 'Connections');
    await testNow(page);
    await expectAllPassing(page);
  });
});

test('the connection form: plain http:// refused on its field until allowed, with its warning; a client secret’s end date', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await signIn(page, ADMIN);
  await page.getByRole('tab', { name: 'Setup & diagnostics' }).click();

  const dialog = page.getByRole('dialog', { name: 'Add a connection' });
  for (const theme of THEMES) {
    // The theme switch sits behind a modal dialog, so each theme opens the dialog afresh.
    await setTheme(page, theme);
    await page.getByRole('button', { name: 'Add connection' }).click();
    await dialog.getByLabel('Name').fill('Ward HL7 bridge');
    await dialog.getByLabel('Vendor').selectOption('cerner');
    const baseUrl = dialog.getByLabel('FHIR base URL');
    await baseUrl.fill('http://fhir.ward.example/r4');
    await dialog.getByLabel('Client ID').fill('vigil-noc');
    await dialog.getByLabel('Client secret', { exact: true }).fill('not a real secret');
    await dialog.getByLabel('Client secret expires on').fill('2027-03-01');
    await dialog.getByRole('button', { name: 'Save connection' }).click();
    await expect(baseUrl).toHaveAccessibleDescription(/^Use https:\/\/ here: plain http:\/\/ is sent only to this computer/);
    await expect(baseUrl).toBeFocused();
    await checkScreen(page, 'connection-form-plain-http-refused', theme);

    await dialog.getByLabel('Allow plain http:// (unencrypted)').check();
    await expect(dialog.getByRole('status').filter({ hasText: 'tokens, passwords and patient data cross the network unencrypted' })).toBeVisible();
    await checkScreen(page, 'connection-form-plain-http-allowed', theme);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }
});

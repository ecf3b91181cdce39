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
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkScreenInBothThemes, createFirstAdmin, mainNav, openScreen } from './support/console';
import { E2E_ROOT_ENV, e2eKeychainService } from './support/servers';

const HOST_SCRIPT = fileURLToPath(new URL('../../out/main/host.js', import.meta.url));
const NETWORK_GUIDANCE = 'The endpoint could not be reached: check the base URL, DNS, firewall rules and the proxy setting.';

interface Host {
  url: string;
  process: ChildProcess;
}

/** Starts out/main/host.js on a fresh data folder and waits for the URL it prints when ready. */
async function startHost(): Promise<Host> {
  // Throws outside a run started through playwright.config.ts, which also makes the run's folder.
  const keychainService = e2eKeychainService();
  // Inside the run's folder, which the runner removes when it exits.
  const dataDir = mkdtempSync(join(process.env[E2E_ROOT_ENV] as string, 'connections-'));
  const args = [HOST_SCRIPT, '--port', '0', '--data-dir', dataDir, '--keychain-service', keychainService];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Read both streams to the end, or a chatty host would block on a full pipe.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const ready = () => {
      const found = /Vigil console: (https?:\/\/\S+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    };
    child.stdout.on('data', ready);
    child.once('exit', (code) => reject(new Error(`The host exited (code ${code}) before it was ready:\n${stderr}`)));
  });
  return { url, process: child };
}

async function stopHost(host: Host): Promise<void> {
  if (host.process.exitCode !== null) return;
  const exited = once(host.process, 'exit');
  host.process.kill('SIGTERM');
  await exited;
}

let host: Host;

test.beforeAll(async () => {
  host = await startHost();
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

  await test.step('with the sandbox back up, Test now passes again', async () => {
    await setSandboxDown(page, false);
    await expect(page.getByRole('status').filter({ hasText: 'No faults: the sandbox answers normally' })).toBeVisible();
    await openScreen(page, 'Connections');
    await testNow(page);
    await expectAllPassing(page);
  });
});

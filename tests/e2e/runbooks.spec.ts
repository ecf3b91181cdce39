/**
 * The Runbooks screen end to end on a host of its own, with the shipped
 * runbooks: an admin runs the daily health check from its button and
 * watches each step finish; an operator does not see the admin-only weekly
 * maintenance (and the channels refuse it); the approval-gated model
 * rollback waits for a second admin; the emergency response declares an
 * incident whose ticket exists, then waits for the lead's decision. Each
 * view and dialog is photographed and scanned in both themes.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, OPERATOR, THEMES, checkScreen, checkScreenInBothThemes, createFirstAdmin, setTheme, invokeFromPage, openScreen, signIn, signOut, type Account, ok } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

const SECOND_ADMIN: Account = { username: 'bea', displayName: 'Bea Second', password: 'second admin on call' };
/** Probing every connection and checking the store take a few seconds; a busy machine more. */
const STEPS_WITHIN_MS = 60_000;

let host: Host;

test.beforeAll(async () => {
  host = await startHost('runbooks');
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

// A run that did not get where the test waited: what main says of every run, for the report.
test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  const runs = await invokeFromPage(page, 'runs.list', { filter: {}, limit: 20 }).catch((err: unknown) => String(err));
  await testInfo.attach('runs', { body: JSON.stringify(runs, null, 2), contentType: 'application/json' });
  console.error('runs at the failure:', JSON.stringify(runs));
});

function runbookRow(page: Page, name: string) {
  return page.getByRole('table', { name: 'Runbooks' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
}

function runResult(page: Page) {
  return page.locator('.run-result');
}

/**
 * A dialog in both themes: the theme switch sits behind the modal, so each
 * theme is set first and the dialog opened (by `open`) and closed again.
 */
async function dialogInBothThemes(page: Page, name: string, open: () => Promise<void>): Promise<void> {
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await open();
    await checkScreen(page, name, theme);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
}

/** Shows a view of the screen; clicked again if the page moved under the pointer as its lists arrived. */
async function showTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name });
  await expect(async () => {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

async function switchTo(page: Page, account: Account): Promise<void> {
  await signOut(page);
  await signIn(page, account);
  await openScreen(page, 'Runbooks');
}

test('runbooks from a button: run and watch, roles, approval by a second admin, an emergency declared', async ({ page }) => {
  test.setTimeout(300_000);

  await test.step('the first admin creates an operator and a second admin', async () => {
    await page.goto(`${host.url}/#/runbooks`);
    await createFirstAdmin(page);
    for (const [account, role] of [[OPERATOR, 'operator'], [SECOND_ADMIN, 'admin']] as const) {
      await ok(page, 'users.create', { username: account.username, displayName: account.displayName, role, password: account.password });
    }
    await openScreen(page, 'Runbooks');
    await expect(runbookRow(page, 'Daily health check')).toContainText('Admins, NOC operator, Support technician');
    await checkScreenInBothThemes(page, 'runbooks-list');
  });

  await test.step('an admin runs the daily health check from its button and watches each step finish', async () => {
    const dialog = page.getByRole('dialog', { name: 'Run Daily health check' });
    const plan = page.getByRole('dialog', { name: 'Plan: Daily health check' });
    const openForm = async () => {
      await runbookRow(page, 'Daily health check').getByRole('button', { name: 'Run Daily health check' }).click();
      await expect(dialog.getByRole('checkbox', { name: 'Probe every connection now' })).toBeChecked();
    };
    const openPlan = async () => {
      await openForm();
      await dialog.getByRole('button', { name: 'Review the plan' }).click();
      await expect(plan.getByRole('list', { name: 'Plan' }).getByRole('listitem')).toHaveCount(8);
    };
    await dialogInBothThemes(page, 'runbooks-run-form', openForm);
    await dialogInBothThemes(page, 'runbooks-plan', openPlan);
    await openPlan();
    await plan.getByRole('button', { name: 'Run now' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Daily health check' })).toBeVisible();
    const steps = page.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    await expect(steps).toHaveCount(8);
    await expect(runResult(page)).toHaveText(/^(SUCCESS|PARTIAL SUCCESS|FAILED)$/, { timeout: STEPS_WITHIN_MS });
    for (const step of await steps.all()) {
      await expect(step.locator('.status')).toHaveText(/^(Succeeded|Failed|Skipped|Timed out)$/);
    }
    await expect(steps.filter({ hasText: 'Probe every connection now' })).toContainText('Succeeded');
    await expect(steps.filter({ hasText: 'Probe every connection now' }).getByRole('log')).toContainText('Sandbox EHR');
    await checkScreenInBothThemes(page, 'runbooks-run-view');
    await page.getByRole('button', { name: 'Back to the list' }).click();
  });

  await test.step('an operator does not see the admin-only runbook, and the channels refuse it', async () => {
    await switchTo(page, OPERATOR);
    await expect(runbookRow(page, 'Daily health check')).toBeVisible();
    await expect(runbookRow(page, 'Weekly maintenance')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Edit / })).toHaveCount(0);
    const listed = await ok<{ runbooks: { id: string }[] }>(page, 'runbooks.list', {});
    expect(listed.runbooks.map((r) => r.id)).not.toContain('weekly-maintenance');
    for (const [channel, input] of [
      ['runbooks.get', { id: 'weekly-maintenance' }],
      ['runbooks.dryRun', { id: 'weekly-maintenance' }],
      ['runbooks.run', { id: 'weekly-maintenance' }],
    ] as const) {
      const reply = await invokeFromPage(page, channel, input);
      expect(reply.ok, `${channel} for an operator`).toBe(false);
    }
    await checkScreenInBothThemes(page, 'runbooks-list-operator');
  });

  await test.step('an approval-gated runbook waits for a second admin: its requester cannot approve it', async () => {
    await switchTo(page, ADMIN);
    const dialog = page.getByRole('dialog', { name: 'Run Prepare model rollback' });
    const plan = page.getByRole('dialog', { name: 'Plan: Prepare model rollback' });
    const openForm = async () => {
      await runbookRow(page, 'Prepare model rollback').getByRole('button', { name: 'Run Prepare model rollback' }).click();
      await dialog.getByRole('button', { name: 'Review the plan' }).click();
      await expect(dialog.getByLabel('Connection')).toHaveAttribute('aria-invalid', 'true');
    };
    const openConfirm = async () => {
      await openForm();
      await dialog.getByLabel('Connection').selectOption({ label: 'Sandbox EHR' });
      await dialog.getByLabel(/^Reason/).fill('Safety score fell below its threshold');
      await dialog.getByRole('button', { name: 'Review the plan' }).click();
      await expect(plan).toContainText('Needs approval');
      await plan.getByRole('button', { name: 'Ask for approval' }).click();
      await expect(plan.getByText('Tick to confirm this step')).toBeVisible();
    };
    await dialogInBothThemes(page, 'runbooks-form-errors', openForm);
    await dialogInBothThemes(page, 'runbooks-confirm', openConfirm);
    await openConfirm();
    await plan.getByRole('checkbox', { name: 'Run “Open the rollback ticket”' }).check();
    await plan.getByRole('button', { name: 'Ask for approval' }).click();
    await expect(runResult(page)).toHaveText('Awaiting approval');
    await expect(page.getByRole('region', { name: 'Approval' })).toContainText('You asked for this run, so you cannot approve it');
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await checkScreenInBothThemes(page, 'runbooks-awaiting-approval');

    await switchTo(page, SECOND_ADMIN);
    await showTab(page, 'Approvals (1)');
    await checkScreenInBothThemes(page, 'runbooks-approvals');
    await page.getByRole('button', { name: `Review the run of Prepare model rollback by ${ADMIN.username}` }).click();
    await page.getByLabel('Comment').fill('Checked the safety score with the lead');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(runResult(page)).not.toHaveText('Awaiting approval');
    await expect(page.getByRole('list', { name: 'Steps' }).getByRole('listitem').filter({ hasText: 'Open the rollback ticket' })).toContainText('Succeeded', { timeout: STEPS_WITHIN_MS });
    // It now waits for the person who does the rollback; withdrawn here, it ends CANCELLED.
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect(runResult(page)).toHaveText('CANCELLED');
  });

  await test.step('the emergency response declares an incident whose ticket exists, then the lead closes it', async () => {
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await showTab(page, 'Runbooks');
    await runbookRow(page, 'Emergency response').getByRole('button', { name: /^Run Emergency response/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Run Emergency response/ });
    await dialog.getByLabel('Severity').selectOption('SEV2');
    await dialog.getByLabel('What is happening').fill('E2E interface engine outage');
    await dialog.getByRole('button', { name: 'Review the plan' }).click();
    const plan = page.getByRole('dialog', { name: /^Plan: Emergency response/ });
    await plan.getByRole('checkbox', { name: 'Run “Declare the incident”' }).check();
    await plan.getByRole('button', { name: 'Run now' }).click();
    const decision = page.getByRole('region', { name: /^Decision for Emergency response/ });
    await expect(decision).toContainText('is it resolved?', { timeout: STEPS_WITHIN_MS });
    const tickets = await ok<{ tickets: { title: string; priority: string }[] }>(page, 'tickets.list', { filter: { status: 'open' } });
    expect(tickets.tickets.map((t) => t.title)).toContain('E2E interface engine outage');
    await checkScreenInBothThemes(page, 'runbooks-decision');
    await decision.getByRole('button', { name: 'Resolved' }).click();
    await expect(runResult(page)).toHaveText(/^(SUCCESS|PARTIAL SUCCESS)$/, { timeout: STEPS_WITHIN_MS });
  });

  await test.step('history, the YAML editor with a schema error at its line, and the runbook settings', async () => {
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await showTab(page, 'History');
    await expect(page.getByRole('table', { name: 'Run history' }).getByRole('row')).toHaveCount(4);
    await page.getByLabel('Result').selectOption({ label: 'CANCELLED' });
    await expect(page.getByRole('table', { name: 'Run history' }).getByRole('row')).toHaveCount(2);
    await checkScreenInBothThemes(page, 'runbooks-history');

    await showTab(page, 'Runbooks');
    await page.getByRole('button', { name: 'Edit Test EHR integrations' }).click();
    const yaml = page.getByRole('textbox', { name: 'YAML' });
    await expect(yaml).toHaveValue(/id: test-ehr-integrations/);
    await expect(page.getByText('Valid: it matches the runbook schema.')).toBeVisible();
    await yaml.fill(((await yaml.inputValue()) as string).replace('name: Test EHR integrations', 'name: Test EHR integrations\nconcurrent: perhaps'));
    const problems = page.getByRole('region', { name: 'Problems in the YAML' });
    await expect(problems).toContainText(/Line 4, column \d+/);
    await checkScreenInBothThemes(page, 'runbooks-editor');
    await page.getByRole('button', { name: 'Close' }).click();

    await openScreen(page, 'Runbook settings');
    await expect(page.getByLabel('Keep runs for (days)')).toHaveValue('180');
    await page.getByRole('button', { name: 'Add a program' }).click();
    await checkScreenInBothThemes(page, 'runbooks-settings');
  });
});

/**
 * Patient safety end to end on a host of its own: the embedded sandbox's
 * "AI model drift" switch turns the AI accuracy indicator critical on the
 * Safety screen (the real monitor scraping the real sandbox, the real 30 s
 * evaluation), which opens a safety incident and an Emergency ticket; a
 * safety officer signs the incident off with her password. Screenshots and
 * axe scans in both themes.
 */
import { expect, test } from '@playwright/test';
import { checkScreen, checkScreenInBothThemes, createFirstAdmin, openScreen, setTheme, signIn, signOut, THEMES, type Account, ok } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

const OFFICER: Account = { username: 'sofia', displayName: 'Sofia Safety', password: 'clinical safety first' };
/** A probe every 5 s and an evaluation every 30 s: on a loaded machine the verdict comes well within this. */
const CRITICAL_WITHIN_MS = 150_000;

let host: Host;

test.beforeAll(async () => {
  host = await startHost('safety');
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

interface Incident {
  id: string;
  indicator: string;
  level: string;
  ticket: { id: string; number: number } | null;
  signatures: Array<{ printedName: string; meaning: string; verified: boolean }>;
}

test('AI model drift to a signed-off safety incident', async ({ page }) => {
  test.setTimeout(300_000);

  await test.step('an admin adds a safety officer, probes the sandbox every 5 s and switches on AI model drift', async () => {
    await page.goto(host.url);
    await createFirstAdmin(page);
    await ok(page, 'users.create', { ...OFFICER, role: 'safety_officer' });
    const detail = await ok<{ settings: { plan: object } }>(page, 'monitor.detail', { targetId: 'conn:1', range: '1h' });
    await ok(page, 'monitor.configure', { targetId: 'conn:1', settings: { ...detail.settings, plan: { intervalMs: 5_000, timeoutMs: 4_000, retries: 0, retryIntervalMs: 1_000 } } });
    await ok(page, 'sandbox.set', { faults: { modelDrift: true } });
    await signOut(page);
  });

  await test.step('the Safety screen shows AI accuracy critical, and an incident with its Emergency ticket', async () => {
    await signIn(page, OFFICER);
    await openScreen(page, 'Safety');
    const card = page.getByRole('list', { name: 'Indicators' }).getByRole('listitem').filter({ hasText: 'AI accuracy' });
    await expect(card.getByText('Critical', { exact: true })).toBeVisible({ timeout: CRITICAL_WITHIN_MS });
    await expect(card).toContainText('Warning below 92.0 %, critical below 90.0 %');
    const incident = page.getByRole('listitem', { name: /^#\d+ AI accuracy$/ });
    await expect(incident).toContainText('prepare_model_rollback');
    await expect(incident).toContainText(/Emergency ticket VIG-\d+ opened/);

    const { incidents } = await ok<{ incidents: Incident[] }>(page, 'safety.incidents.list', { filter: 'all' });
    const accuracy = incidents.find((i) => i.indicator === 'accuracy_trend')!;
    expect(accuracy.level).toBe('critical');
    const { ticket } = await ok<{ ticket: { priority: string; category: string; emergency: string } }>(page, 'tickets.get', { number: accuracy.ticket!.number });
    expect(ticket).toMatchObject({ priority: 'emergency', category: 'clinical', emergency: 'patient_safety' });
    await checkScreenInBothThemes(page, 'safety-critical');
  });

  await test.step('the safety officer signs it off with her password; a wrong one is refused on its field', async () => {
    const incident = page.getByRole('listitem', { name: /^#\d+ AI accuracy$/ });
    await incident.getByRole('button', { name: 'Acknowledge' }).click();
    await incident.getByLabel(/Comment on/).fill('Model rollback prepared with the AI team.');
    await incident.getByRole('button', { name: 'Add comment' }).click();
    await expect(incident).toContainText('Model rollback prepared with the AI team.');
    const dialog = page.getByRole('dialog', { name: /Sign off incident/ });
    // The page behind a modal dialog is inert: the theme is switched before each opening.
    for (const theme of THEMES) {
      await setTheme(page, theme);
      await incident.getByRole('button', { name: 'Sign off…' }).click();
      await expect(dialog).toContainText('You sign as Sofia Safety (sofia)');
      await dialog.getByLabel('Your password').fill('not my password');
      await dialog.getByRole('button', { name: 'Sign' }).click();
      await expect(dialog.getByText('That is not your password.')).toBeVisible();
      await checkScreen(page, 'safety-sign-dialog', theme);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    }
    await incident.getByRole('button', { name: 'Sign off…' }).click();
    await dialog.getByLabel('Your password').fill(OFFICER.password);
    await dialog.getByLabel('Meaning').selectOption('approved');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await expect(dialog).toBeHidden();
    const signatures = incident.getByRole('list', { name: 'Signatures' });
    await expect(signatures).toContainText('Sofia Safety');
    await expect(signatures).toContainText('approved');
    await expect(signatures).toContainText('Bound to this incident');
    await checkScreenInBothThemes(page, 'safety-signed');
  });
});

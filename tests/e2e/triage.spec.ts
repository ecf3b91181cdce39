/**
 * A support tech's shift on the Triage screen, by keyboard only: to Triage
 * and the Emergencies view with Tab and Enter, then j, Enter, a (assign to
 * me), c (an internal note), s (pending: the resolution clock says Paused on
 * screen), s again (resolved, with the requester's satisfaction). Then the
 * embedded sandbox EHR goes down (Settings → Sandbox EHR, as an admin in
 * another window): its SEV1 alert opens an Emergency ticket, which appears
 * in the tech's Emergencies view by itself. The Triage screen, a ticket's
 * details, the new-ticket and import dialogs and Knowledge are photographed
 * and scanned with axe in both themes on the way.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, checkScreen, checkScreenInBothThemes, createFirstAdmin, openScreen, setTheme, signIn, signOut, THEMES, type Account, ok } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

const TECH: Account = { username: 'sam.support', displayName: 'Sam Support', password: 'pager duty 0300' };
const INTERVAL_MS = 5_000;
/** The sandbox's tile goes DOWN within interval × (retries + 1) plus the retry wait; its alert's ticket follows at once. Doubled for a busy machine. */
const TICKET_WITHIN_MS = 2 * (INTERVAL_MS * 2 + 1_000) + 10_000;

let host: Host;

test.beforeAll(async () => {
  host = await startHost('triage');
});

test.afterAll(async () => {
  if (host) await stopHost(host);
});

/** Presses Tab until `target` has focus, as a keyboard user would (bounded). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const detail = (page: Page) => page.getByRole('complementary', { name: 'Ticket details' });
const resolutionClock = (page: Page) => detail(page).locator('[data-clock="resolution"]');

test('a support tech triages emergencies by keyboard; a sandbox outage opens one', async ({ page, browser }) => {
  test.setTimeout(300_000);

  await test.step('an admin sets up: a support tech, tickets, the sandbox probed every 5 s', async () => {
    await page.goto(host.url);
    await createFirstAdmin(page);
    await ok(page, 'users.create', { ...TECH, role: 'support_tech' });
    await ok(page, 'tickets.create', {
      title: 'Infusion pump drug library out of date on ward 7',
      description: 'Nurse reports the pump offers last year’s heparin concentration.',
      priority: 'high',
      category: 'clinical',
      emergency: 'patient_safety',
      requester: { name: 'Ward 7 charge nurse', department: 'Cardiology', contact: 'ext 4471' },
    });
    await ok(page, 'tickets.create', { title: 'Label printer offline in pharmacy', priority: 'medium', category: 'technical' });
    await ok(page, 'tickets.create', { title: 'Lab results feed returns fhir_timeout', priority: 'critical', category: 'integration' });
    const { tiles } = await ok<{ tiles: Array<{ targetId: string; name: string }> }>(page, 'monitor.board', {});
    const sandbox = tiles.find((t) => t.name === 'Sandbox EHR')!;
    await ok(page, 'monitor.configure', {
      targetId: sandbox.targetId,
      settings: { plan: { intervalMs: INTERVAL_MS, timeoutMs: 4_000, retries: 1, retryIntervalMs: 1_000 }, latencyThresholdMs: 2_000, dependsOn: [], metrics: null },
    });
  });

  await test.step('the admin’s import dialog lists a file’s problems by line and column', async () => {
    await openScreen(page, 'Triage');
    const csv = 'external_id,title,priority,category,status,created_at\nOLD-1,Badge reader stuck,urgent,technical,new,2026-01-05T10:00:00Z\nOLD-2,,low,technical,new,yesterday\n';
    // A modal dialog covers the theme switch: each theme is set first, then the dialog opened.
    for (const theme of THEMES) {
      await setTheme(page, theme);
      await page.getByRole('button', { name: 'Import…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import tickets' });
      await dialog.getByLabel('File').setInputFiles({ name: 'old-tool.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const problems = dialog.getByRole('table', { name: /Problems found/ });
      await expect(problems.getByRole('row').filter({ hasText: 'created_at' })).toContainText('is not a time');
      await checkScreen(page, 'triage-import-dialog', theme);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
  });

  await test.step('Knowledge: a search for an error code finds its article first', async () => {
    await openScreen(page, 'Knowledge');
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('fhir_validation_error');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('list', { name: /Articles matching/ });
    await results.getByRole('button').first().click();
    await expect(page.getByRole('article')).toContainText('fhir_validation_error');
    await checkScreenInBothThemes(page, 'knowledge');
    await signOut(page);
  });

  await test.step('the tech goes to Triage and the Emergencies view with Tab and Enter', async () => {
    await signIn(page, TECH);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
    await tabTo(page, page.getByRole('list', { name: 'Views' }).getByRole('button', { name: 'Emergencies' }));
    await page.keyboard.press('Enter');
    const queue = page.getByRole('list', { name: 'Tickets, the next to breach first' });
    await expect(queue.getByRole('listitem')).toHaveCount(1);
    await expect(queue).toContainText('Infusion pump drug library out of date on ward 7');
    await expect(queue).toContainText('Emergency');
    await checkScreenInBothThemes(page, 'triage', { viewportOnly: true });
  });

  await test.step('j and Enter open it; a assigns it to the tech; c adds an internal note', async () => {
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText('Infusion pump drug library out of date on ward 7');
    await expect(resolutionClock(page)).toContainText('Running');
    await page.keyboard.press('a');
    await expect(detail(page)).toContainText(`Assigned to ${TECH.username}`);
    await page.keyboard.press('c');
    const comment = page.getByRole('dialog', { name: /^Comment: VIG-/ });
    await page.keyboard.type('Pharmacy is pushing the new library to ward 7 pumps.');
    await tabTo(page, comment.getByRole('button', { name: 'Add comment' }));
    await page.keyboard.press('Enter');
    await expect(comment).toBeHidden();
    await expect(detail(page).getByRole('region', { name: 'Comments' })).toContainText('Pharmacy is pushing the new library');
  });

  await test.step('s sets it pending, waiting for the requester: the resolution clock says Paused', async () => {
    await page.keyboard.press('s');
    const dialog = page.getByRole('dialog', { name: /^Set status: VIG-/ });
    await page.keyboard.type('Pending');
    await tabTo(page, dialog.getByLabel('Waiting for'));
    await page.keyboard.type('Waiting for r');
    await tabTo(page, dialog.getByRole('button', { name: 'Set status' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(detail(page)).toContainText('Pending: waiting for requester');
    await expect(resolutionClock(page).locator('.clock-state')).toHaveText('Paused');
    await checkScreenInBothThemes(page, 'triage-detail');
  });

  await test.step('s resolves it, with the requester’s satisfaction', async () => {
    await page.keyboard.press('s');
    const dialog = page.getByRole('dialog', { name: /^Set status: VIG-/ });
    await page.keyboard.type('Resolved');
    await tabTo(page, dialog.getByLabel('Score'));
    await page.keyboard.type('5');
    await tabTo(page, dialog.getByLabel('Their comment'));
    await page.keyboard.type('Fixed within the hour');
    await tabTo(page, dialog.getByRole('button', { name: 'Set status' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(detail(page).locator('.ticket-detail-status')).toHaveText('Resolved');
    await expect(detail(page)).toContainText('5 of 5');
    await expect(resolutionClock(page).locator('.clock-state')).toHaveText('Met');
    await expect(page.getByText('No tickets in this view.')).toBeVisible();
    await page.keyboard.press('Escape');
  });

  await test.step('the new-ticket dialog shows suggestions as the title is typed', async () => {
    for (const theme of THEMES) {
      await setTheme(page, theme);
      await page.getByRole('button', { name: 'New ticket' }).click();
      const dialog = page.getByRole('dialog', { name: 'New ticket' });
      await dialog.getByLabel('Title').fill('Wrong patient chart opened, possible data breach');
      await expect(dialog.getByRole('region', { name: 'Suggested from what you typed' })).toContainText('Emergency');
      await checkScreen(page, 'triage-new-ticket', theme);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
  });

  await test.step('the sandbox goes down: its alert opens an Emergency ticket that appears in the tech’s Emergencies view', async () => {
    const admin = await browser.newPage();
    try {
      await admin.goto(host.url);
      await signIn(admin, ADMIN);
      await openScreen(admin, 'Sandbox EHR');
      const toggle = admin.getByRole('switch', { name: 'Down' });
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-checked', 'true');
      const queue = page.getByRole('list', { name: 'Tickets, the next to breach first' });
      await expect(queue.getByRole('listitem').filter({ hasText: 'Sandbox EHR' })).toBeVisible({ timeout: TICKET_WITHIN_MS });
      await expect(queue.getByRole('listitem').filter({ hasText: 'Sandbox EHR' })).toContainText('Emergency');
      await toggle.click();
    } finally {
      await admin.close();
    }
  });
});

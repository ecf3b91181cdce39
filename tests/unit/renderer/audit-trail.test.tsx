// @vitest-environment jsdom
/** The Audit screen's watch over the trail itself: a rollback to acknowledge, a chain check's progress, and what exports are kept. */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { auditExportNotice, type AuditRollback, type ChannelOutput } from '../../../src-shared/contract';
import { button, descriptionOf, fill, liveTexts, NOW, ok, pageText, push, queryButton, renderApp, signedInAs, user, type Handlers } from './harness';

const ROLLBACK: AuditRollback = {
  kind: 'behind',
  anchoredSeq: 1_204,
  foundSeq: 1_180,
  missingFrom: 1_181,
  missingTo: 1_204,
  detectedAt: NOW - 60_000,
  heldEntries: 3,
  message: 'The audit trail was rolled back: entries 1181 to 1204 are missing.',
};

function status(rest: Partial<ChannelOutput<'audit.status'>> = {}): ChannelOutput<'audit.status'> {
  return { lastSeq: 1_180, anchoredSeq: 1_204, rollback: null, exportRetentionDays: 30, exportNotice: auditExportNotice(30), ...rest };
}

function auditConsole(role: 'admin' | 'safety_officer', more: Handlers = {}) {
  return signedInAs(user({ role }), {
    'audit.list': () => ok({ entries: [], total: 0, nextBeforeSeq: null }),
    'audit.status': () => ok(status({ rollback: ROLLBACK })),
    ...more,
  });
}

const field = (label: string) => screen.getByLabelText(label);

describe('the audit trail watched', () => {
  it('names the missing entries, and lets an administrator acknowledge them with a reason', async () => {
    let rolledBack = true;
    const api = auditConsole('admin', {
      'audit.status': () => ok(status(rolledBack ? { rollback: ROLLBACK } : { lastSeq: 1_185 })),
      'audit.acknowledgeRollback': () => {
        rolledBack = false;
        return ok({ missingFrom: 1_181, missingTo: 1_204, written: 4, lastSeq: 1_185 });
      },
    });
    const person = renderApp(api, '#/audit');
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('The audit trail was rolled back: entries #1,181 to #1,204 are missing'));
    expect(pageText()).toContain('an older copy of it was put back, or its write-ahead log was lost after a crash');
    expect(pageText()).toContain("3 sign-ins and Vigil's own entries are held");

    await person.click(button('Acknowledge and carry on'));
    expect(descriptionOf(field('Why the entries are missing'))).toBe('Say why, in at least 10 characters');
    expect(api.callsTo('audit.acknowledgeRollback')).toEqual([]);
    await fill(person, field('Why the entries are missing'), 'Restored last night\u2019s backup, ticket VIG-1042');
    await person.click(button('Acknowledge and carry on'));
    await waitFor(() => expect(api.callsTo('audit.acknowledgeRollback')).toEqual([{ reason: 'Restored last night\u2019s backup, ticket VIG-1042' }]));
    await waitFor(() => expect(pageText()).not.toContain('was rolled back'));
    expect(pageText()).toContain('Last entry #1,185');
  });

  it('tells a safety officer an administrator must acknowledge it, and offers no form', async () => {
    renderApp(auditConsole('safety_officer'), '#/audit');
    await waitFor(() => expect(pageText()).toContain('Ask an administrator to acknowledge it'));
    expect(queryButton('Acknowledge and carry on')).toBeNull();
    expect(screen.queryByLabelText('Keep exports for (days)')).toBeNull();
  });

  it('shows how far a chain check has walked while it runs', async () => {
    let finish: (v: ReturnType<typeof ok<ChannelOutput<'audit.verify'>>>) => void = () => {};
    const api = auditConsole('safety_officer', {
      'audit.status': () => ok(status()),
      'audit.verify': () => new Promise((resolve) => (finish = resolve)),
    });
    const person = renderApp(api, '#/audit');
    await person.click(await screen.findByRole('button', { name: 'Verify chain' }));
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Starting the chain check'));
    await push(api, 'audit.verifyProgress', { checked: 420_000, total: 1_000_000 });
    expect(liveTexts('status').join(' ')).toContain('Checked 420,000 of 1,000,000 entries');
    finish(ok({ ok: true, checked: 1_000_000, firstBadSeq: null, reason: null }));
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Chain intact'));
    expect(pageText()).not.toContain('Checked 420,000');
  });

  it('says exports are plain text and how long they are kept; an administrator changes it', async () => {
    const api = auditConsole('admin', {
      'audit.status': () => ok(status()),
      'audit.setExportRetention': (input) => ok({ exportRetentionDays: input.days, removed: 2 }),
    });
    const person = renderApp(api, '#/audit');
    await waitFor(() => expect(pageText()).toContain('Exports are plain, unencrypted JSON Lines'));
    await fill(person, field('Keep exports for (days)'), '0');
    await person.click(button('Save'));
    expect(descriptionOf(field('Keep exports for (days)'))).toBe('Enter a whole number from 1 to 3,650');
    await fill(person, field('Keep exports for (days)'), '7');
    await person.click(button('Save'));
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Exports are kept 7 days; 2 older files were deleted now.'));
    expect(api.callsTo('audit.setExportRetention')).toEqual([{ days: 7 }]);
  });

  it('warns those who watch the trail on every screen', async () => {
    renderApp(auditConsole('safety_officer'), '#/connections');
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain(ROLLBACK.message));
    expect(screen.getByRole('link', { name: 'Open the Audit screen' }).getAttribute('href')).toBe('#/audit');
  });

  it('does not ask about the trail for a role that may not read it', async () => {
    const operator = signedInAs(user({ role: 'operator' }), { 'audit.status': () => ok(status({ rollback: ROLLBACK })) });
    renderApp(operator, '#/connections');
    await screen.findByRole('heading', { level: 1, name: 'Connections' });
    expect(operator.callsTo('audit.status')).toEqual([]);
  });
});

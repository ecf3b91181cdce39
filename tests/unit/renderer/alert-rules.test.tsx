// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alertRuleSettingsSchema, DEFAULT_ALERT_RULE_SETTINGS, type AlertRuleSettings } from '../../../src-shared/monitoring';
import type { Role } from '../../../src-shared/roles';
import {
  button,
  descriptionOf,
  fail,
  fill,
  heading,
  liveTexts,
  navLinks,
  ok,
  pageText,
  queryButton,
  renderApp,
  signedInAs,
  user,
  type Handlers,
} from './harness';

const tier = (n: number) => `Tier ${n}: days before expiry`;
const DELAY = 'Alert after DEGRADED for (minutes)';

/** Main holding these rules, and saving whatever the contract accepts, as it would. */
function rulesConsole(role: Role, rules: Omit<AlertRuleSettings, 'keyRotationDays'>, more: Handlers = {}) {
  return signedInAs(user({ role }), {
    'monitor.rules': () => ok({ keyRotationDays: 365, ...rules }),
    'monitor.setRules': (input) => ok(alertRuleSettingsSchema.parse(input)),
    ...more,
  });
}

const field = (label: string) => screen.getByLabelText(label);
const valueOf = (label: string) => (field(label) as HTMLInputElement).value;

/** The tiers' boxes, in the order the list shows them. */
function tierValues(): string[] {
  const list = screen.queryByRole('list', { name: 'Certificate expiry tiers' });
  return list ? [...list.querySelectorAll('input')].map((i) => i.value) : [];
}

/** The rules screen, once its form shows this many tiers. */
async function openRules(api: ReturnType<typeof rulesConsole>, tiers: number) {
  const person = renderApp(api, '#/settings/rules');
  await waitFor(() => expect(tierValues()).toHaveLength(tiers));
  return person;
}

describe('alert rules', () => {
  it('shows the tiers furthest first, each with the severity it gives, and the DEGRADED delay', async () => {
    await openRules(rulesConsole('operator', { tlsExpiryDays: [7, 30, 1, 14], degradedAfterMinutes: 15 }), 4);
    expect(tierValues()).toEqual(['30', '14', '7', '1']);
    expect(heading()).toBe('Alert rules');
    expect(navLinks()).toContain('Alert rules');
    expect(descriptionOf(field(tier(1)))).toBe('Alerts as SEV3, moderate impact');
    expect(descriptionOf(field(tier(2)))).toBe('Alerts as SEV3, moderate impact');
    expect(descriptionOf(field(tier(3)))).toBe('Alerts as SEV2, major impairment');
    expect(descriptionOf(field(tier(4)))).toBe('Alerts as SEV1, patient-safety risk or system down');
    expect(valueOf(DELAY)).toBe('15');
    expect(descriptionOf(field(DELAY))).toBe('Opens a SEV2 alert. 1 to 1,440 minutes.');
  });

  it('adds, edits and removes tiers, and saves them sorted furthest first', async () => {
    const api = rulesConsole('operator', DEFAULT_ALERT_RULE_SETTINGS);
    const person = await openRules(api, 4);

    await person.click(button('Add a tier'));
    // A keyboard user lands in the new tier's box, ready to type.
    expect(document.activeElement).toBe(field(tier(5)));
    await fill(person, field(tier(5)), '60');
    await fill(person, field(tier(2)), '3');
    // The severity follows what is typed.
    expect(descriptionOf(field(tier(2)))).toBe('Alerts as SEV2, major impairment');
    await person.click(button('Remove tier 3'));
    // Focus goes to the tier now in the removed one's place.
    expect(document.activeElement).toBe(field(tier(3)));
    expect(tierValues()).toEqual(['30', '3', '1', '60']);
    expect(pageText()).toContain('Not saved yet');
    expect(api.callsTo('monitor.setRules')).toEqual([]);

    await person.click(button('Save alert rules'));
    await waitFor(() => expect(api.callsTo('monitor.setRules')).toEqual([{ tlsExpiryDays: [60, 30, 3, 1], degradedAfterMinutes: 10, keyRotationDays: 365 }]));
    await waitFor(() =>
      expect(liveTexts('status')).toContain(
        'Alert rules saved: certificate tiers at 60, 30, 3 and 1 days; DEGRADED alerts after 10 minutes; signing keys rotated after 365 days. They apply from the next probe run.',
      ),
    );
    expect(tierValues()).toEqual(['60', '30', '3', '1']);
    expect(pageText()).not.toContain('Not saved yet');
  });

  it('sets how old a signing key may get before its rotation reminder, within the contract’s bounds', async () => {
    const api = rulesConsole('operator', { tlsExpiryDays: [30], degradedAfterMinutes: 10 });
    const person = await openRules(api, 1);
    const rotation = field('Rotate signing keys after (days)');
    expect(valueOf('Rotate signing keys after (days)')).toBe('365');
    await fill(person, rotation, '10');
    await person.click(button('Save alert rules'));
    expect(descriptionOf(rotation)).toBe('Enter a whole number from 30 to 3,650');
    expect(api.callsTo('monitor.setRules')).toEqual([]);
    await fill(person, rotation, '180');
    await person.click(button('Save alert rules'));
    await waitFor(() => expect(api.callsTo('monitor.setRules')).toEqual([{ tlsExpiryDays: [30], degradedAfterMinutes: 10, keyRotationDays: 180 }]));
  });

  it('keeps between one and six tiers', async () => {
    const person = await openRules(rulesConsole('admin', { tlsExpiryDays: [30, 14], degradedAfterMinutes: 10 }), 2);
    await person.click(button('Remove tier 2'));
    expect(queryButton('Remove tier 1')).toBeNull();

    for (let n = 2; n <= 6; n += 1) await person.click(button('Add a tier'));
    expect(tierValues()).toHaveLength(6);
    expect(queryButton('Add a tier')).toBeNull();
    expect(pageText()).toContain('6 tiers is the most: remove one to add another.');
  });

  it('refuses a tier given twice, or out of range, by its field, and sends nothing', async () => {
    const api = rulesConsole('operator', DEFAULT_ALERT_RULE_SETTINGS);
    const person = await openRules(api, 4);
    await fill(person, field(tier(3)), '14');
    await fill(person, field(DELAY), '2000');
    await person.click(button('Save alert rules'));

    const twice = field(tier(3));
    expect(twice.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(twice)).toBe('14 days is already a tier');
    expect(document.activeElement).toBe(twice);
    expect(descriptionOf(field(DELAY))).toBe('Enter a whole number from 1 to 1,440');
    expect(api.callsTo('monitor.setRules')).toEqual([]);
  });

  it("puts main's INVALID_INPUT next to the field it names", async () => {
    const api = rulesConsole('operator', DEFAULT_ALERT_RULE_SETTINGS, {
      'monitor.setRules': () =>
        fail('INVALID_INPUT', 'Check the fields.', [
          { path: ['tlsExpiryDays', 1], message: 'Too small: expected number to be >=1' },
          { path: ['degradedAfterMinutes'], message: 'Too big: expected number to be <=1440' },
        ]),
    });
    const person = await openRules(api, 4);
    await person.click(button('Save alert rules'));

    const second = field(tier(2));
    await waitFor(() => expect(second.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(second)).toBe('Too small: expected number to be >=1');
    expect(descriptionOf(field(DELAY))).toBe('Too big: expected number to be <=1440');
    expect(document.activeElement).toBe(second);
    expect(liveTexts('alert')).toEqual([]);
  });

  it('Restore defaults fills the form; nothing changes until Save', async () => {
    const api = rulesConsole('operator', { tlsExpiryDays: [90, 45], degradedAfterMinutes: 60 });
    const person = await openRules(api, 2);
    expect(tierValues()).toEqual(['90', '45']);
    await person.click(button('Restore defaults'));
    expect(tierValues()).toEqual(['30', '14', '7', '1']);
    expect(valueOf(DELAY)).toBe('10');
    expect(pageText()).toContain('Not saved yet');
    expect(api.callsTo('monitor.setRules')).toEqual([]);

    await person.click(button('Save alert rules'));
    await waitFor(() => expect(api.callsTo('monitor.setRules')).toEqual([DEFAULT_ALERT_RULE_SETTINGS]));
  });

  it('a safety officer reads the rules, with who can change them, and gets no form', async () => {
    const api = rulesConsole('safety_officer', { tlsExpiryDays: [14, 3], degradedAfterMinutes: 1 });
    renderApp(api, '#/settings/rules');
    await waitFor(() => expect(pageText()).toContain('14 days before expiry'));
    expect(pageText()).toContain('Only someone with the NOC operator or Administrator role can change the alert rules.');
    expect(pageText()).toContain('14 days before expiryAlerts as SEV3, moderate impact');
    expect(pageText()).toContain('3 days before expiryAlerts as SEV2, major impairment');
    expect(pageText()).toContain('Alert after DEGRADED for1 minute, as SEV2');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(queryButton('Save alert rules')).toBeNull();
    expect(queryButton('Restore defaults')).toBeNull();
  });
});

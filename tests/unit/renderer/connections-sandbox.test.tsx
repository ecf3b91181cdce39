// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyStatePatch, DEFAULT_STATE, NO_FAULTS, type SandboxState } from '../../../src-shared/sandbox-state';
import { button, descriptionOf, fill, heading, ok, pageText, renderApp, signedInAs, user, type FakeVigil } from './harness';


const field = (label: string) => screen.getByLabelText(label);

/** A sandbox that applies each patch the way main does. */
function adminWithSandbox(): FakeVigil {
  let state: SandboxState = DEFAULT_STATE;
  const info = () => ({ running: true, baseUrl: 'http://127.0.0.1:4999/fhir', state });
  return signedInAs(user({ role: 'admin' }), {
    'sandbox.get': () => ok(info()),
    'sandbox.set': (patch) => {
      state = applyStatePatch(state, patch);
      return ok(info());
    },
  });
}

describe('Settings → Sandbox EHR', () => {
  it('says what the sandbox is, and each switch changes it at once and shows the result', async () => {
    const api = adminWithSandbox();
    const person = renderApp(api, '#/settings/sandbox');
    await screen.findByRole('switch', { name: 'Down' });
    expect(heading()).toBe('Sandbox EHR');
    expect(pageText()).toContain('A built-in FHIR R4 server on this machine for trying Vigil and for tests');
    expect(pageText()).toContain('No faults: the sandbox answers normally');
    expect(screen.getByRole('switch', { name: 'Down' }).getAttribute('aria-checked')).toBe('false');

    await person.click(screen.getByRole('switch', { name: 'Down' }));
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Down' }).getAttribute('aria-checked')).toBe('true'));
    expect(api.callsTo('sandbox.set')).toEqual([{ faults: { down: true } }]);
    expect(pageText()).toContain('Faults on: down');
    expect(pageText()).toContain('Last change: Down switched on.');

    await fill(person, field('Error rate (%)'), '25');
    await person.click(button('Apply Error rate'));
    await waitFor(() => expect(pageText()).toContain('25 % of requests fail'));
    expect(api.callsTo('sandbox.set').at(-1)).toEqual({ faults: { errorRate: 0.25 } });

    await fill(person, field('Vendor flavour'), 'epic');
    await waitFor(() => expect(api.callsTo('sandbox.set').at(-1)).toEqual({ flavour: 'epic' }));

    await person.click(button('Reset all faults'));
    await waitFor(() => expect(pageText()).toContain('No faults: the sandbox answers normally'));
    expect(api.callsTo('sandbox.set').at(-1)).toEqual({ faults: NO_FAULTS });
    expect(screen.getByRole('switch', { name: 'Down' }).getAttribute('aria-checked')).toBe('false');
    expect((field('Error rate (%)') as HTMLInputElement).value).toBe('0');
  });

  it('a number out of range is refused next to its field, before sending', async () => {
    const api = adminWithSandbox();
    const person = renderApp(api, '#/settings/sandbox');
    // Enter in the box applies it, as the button does.
    await fill(person, await screen.findByLabelText('Added latency (ms)'), '90000');
    await person.keyboard('{Enter}');
    expect(descriptionOf(field('Added latency (ms)'))).toContain('Enter a whole number from 0 to 60,000');
    expect(api.callsTo('sandbox.set')).toEqual([]);
  });
});

// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../../src-shared/contract';
import {
  alerts,
  button,
  byLabel,
  cleanup,
  click,
  descriptionOf,
  fail,
  fill,
  fillForm,
  ok,
  pageText,
  queryButton,
  renderApp,
  user,
  waitFor,
  type FakeVigil,
  type Handlers,
} from './harness';
import { connection, connectionsConsole } from './connection-fixtures';
import { openSetupTab } from './board-fixtures';

afterEach(cleanup);

function adminConsole(connections: Connection[], more: Handlers = {}): FakeVigil {
  return connectionsConsole(user({ role: 'admin' }), connections, more);
}

/** A Cerner connection with a client secret, everything the form needs to send it. */
async function fillCernerConnection(): Promise<void> {
  await fill('Vendor', 'cerner');
  await fillForm({ Name: 'Cerner production', 'FHIR base URL': 'https://fhir.example.org/r4/', 'Client ID': 'vigil-noc', 'Client secret': 's3cret value' });
}

async function openAddForm(api: FakeVigil): Promise<void> {
  await renderApp(api);
  await openSetupTab();
  await waitFor(() => expect(button('Add connection').getAttribute('aria-busy')).toBeNull());
  await click(button('Add connection'));
  await waitFor(() => byLabel('Vendor'));
}

const valueOf = (label: string) => (byLabel(label) as HTMLInputElement).value;

describe('adding a connection', () => {
  it('choosing a vendor applies its sign-in method, scopes and rate limit, shows its quirks, and a preset fills the URLs', async () => {
    await openAddForm(adminConsole([]));
    // The first vendor's defaults from the start.
    expect(valueOf('Vendor')).toBe('epic');
    expect(valueOf('Sign-in method')).toBe('private_key_jwt');
    expect(valueOf('Scopes')).toBe('system/Patient.read\nsystem/Observation.read');
    expect(byLabel('Rate limit (requests per hour)').getAttribute('placeholder')).toBe('600');
    expect(pageText()).toContain('Known quirks of Epic');
    expect(pageText()).toContain('its jti may be used only once');
    expect(valueOf('Connect timeout (ms)')).toBe('10000');

    await fill('Rate limit (requests per hour)', '900');
    await fill('Vendor', 'cerner');
    expect(valueOf('Sign-in method')).toBe('client_secret_basic');
    expect(valueOf('Scopes')).toBe('system/Patient.read');
    expect(valueOf('Rate limit (requests per hour)')).toBe('');
    expect(byLabel('Rate limit (requests per hour)').getAttribute('placeholder')).toBe('10000');
    expect(pageText()).toContain('Known quirks of Oracle Health (Cerner)');
    expect(valueOf('Client secret')).toBe('');

    await click(button('Oracle Health open sandbox (R4, no sign-in)'));
    expect(valueOf('FHIR base URL')).toBe('https://fhir-open.cerner.com/r4/tenant');
    expect(valueOf('Sign-in method')).toBe('none');
    expect(pageText()).toContain('This sign-in method needs no credential.');
  });

  it("checks the connection schema before sending, next to each field", async () => {
    const api = adminConsole([]);
    await openAddForm(api);
    await fill('FHIR base URL', 'ehr.example.org/fhir');
    await fill('Connect timeout (ms)', '5');
    await click(button('Save connection'));

    expect(descriptionOf(byLabel('Name'))).toContain('Enter a name');
    expect(descriptionOf(byLabel('FHIR base URL'))).toContain('Enter an http:// or https:// URL');
    expect(descriptionOf(byLabel('Client ID'))).toContain('This sign-in method needs a client ID');
    expect(descriptionOf(byLabel('Connect timeout (ms)'))).toContain('Enter a whole number from 100 to 120,000');
    expect(document.activeElement).toBe(byLabel('Name'));
    expect(api.callsTo('connections.create')).toEqual([]);
  });

  it("puts main's INVALID_INPUT at ['config','baseUrl'] next to the base URL field", async () => {
    const api = adminConsole([], {
      'connections.create': () =>
        fail('INVALID_INPUT', 'The connection settings are not valid.', [{ path: ['config', 'baseUrl'], message: 'No FHIR server answers at this URL' }]),
    });
    await openAddForm(api);
    await fillCernerConnection();
    await click(button('Save connection'));

    const baseUrl = byLabel('FHIR base URL');
    await waitFor(() => expect(baseUrl.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(baseUrl)).toContain('No FHIR server answers at this URL');
    expect(document.activeElement).toBe(baseUrl);
    expect(byLabel('Name').getAttribute('aria-invalid')).toBeNull();
    expect(alerts()).toEqual([]);
    expect(api.callsTo('connections.create')).toEqual([
      {
        config: {
          name: 'Cerner production',
          vendor: 'cerner',
          baseUrl: 'https://fhir.example.org/r4/',
          authMode: 'client_secret_basic',
          clientId: 'vigil-noc',
          scopes: ['system/Patient.read'],
          timeouts: { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 },
          enabled: true,
        },
        secret: { kind: 'clientSecret', value: 's3cret value' },
      },
    ]);
  });

  it("puts a CONFLICT whose details name ['config','name'] next to the Name field, not above the form", async () => {
    const message = 'A connection named "Cerner production" already exists. Choose another name.';
    const api = adminConsole([], {
      'connections.create': () => fail('CONFLICT', message, [{ path: ['config', 'name'], message }]),
    });
    await openAddForm(api);
    await fillCernerConnection();
    await click(button('Save connection'));

    const name = byLabel('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(name)).toBe(message);
    expect(document.activeElement).toBe(name);
    expect(alerts()).toEqual([]);
  });

  it("puts a credential problem (['secret','value']) next to the credential field", async () => {
    const api = adminConsole([], {
      'connections.create': () => fail('INVALID_INPUT', 'Not a key.', [{ path: ['secret', 'value'], message: 'This is not a PKCS#8 PEM or a private JWK' }]),
    });
    await openAddForm(api);
    await fill('Name', 'Epic production');
    await fill('FHIR base URL', 'https://epic.example.org/api/FHIR/R4');
    await fill('Client ID', 'vigil');
    await click(byLabel('Import an existing key'));
    await fill('Private key (PEM or JWK)', 'not a key');
    await click(button('Save connection'));
    await waitFor(() => expect(descriptionOf(byLabel('Private key (PEM or JWK)'))).toContain('not a PKCS#8 PEM'));
  });
});

describe('private_key_jwt', () => {
  const jwks = { keys: [{ kty: 'RSA', kid: 'k1', alg: 'RS384', use: 'sig', n: 'AQAB-modulus', e: 'AQAB' }] };
  const saved = connection(7, { name: 'Epic production', vendor: 'epic', authMode: 'private_key_jwt', clientId: 'vigil-client', baseUrl: 'https://epic.example.org/api/FHIR/R4' });
  const withKey = { ...saved, hasSecret: true, publicJwks: jwks };
  let written: string[];

  beforeEach(() => {
    written = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void written.push(t) } });
  });

  it('a new connection gets its key pair after saving, and its JWKS with Copy and Save as file', async () => {
    let list: Connection[] = [];
    const api = adminConsole([], {
      'connections.create': () => {
        list = [saved];
        return ok(saved);
      },
      'connections.generateKey': () => {
        list = [withKey];
        return ok(withKey);
      },
    });
    api.handlers['connections.list'] = () => ok({ connections: list });
    await openAddForm(api);
    await fill('Name', 'Epic production');
    await fill('FHIR base URL', 'https://epic.example.org/api/FHIR/R4');
    await fill('Client ID', 'vigil-client');
    await fill('Key algorithm', 'ES384');
    await click(button('Save connection'));

    await waitFor(() => expect(pageText()).toContain('Register this public key with the EHR vendor for client ID vigil-client'));
    expect(api.callsTo('connections.create')).toHaveLength(1);
    expect(api.callsTo('connections.create')[0]).not.toHaveProperty('secret');
    expect(api.callsTo('connections.generateKey')).toEqual([{ id: 7, alg: 'ES384' }]);
    const shown = document.querySelector('pre.code-block')?.textContent ?? '';
    expect(JSON.parse(shown)).toEqual(jwks);

    await click(button('Copy'));
    await waitFor(() => expect(written).toEqual([JSON.stringify(jwks, null, 2)]));
    expect(pageText()).toContain('Copied the public key.');

    const downloads: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:jwks');
    URL.revokeObjectURL = vi.fn();
    const anchorClick = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    await click(button('Save as file'));
    expect(downloads).toEqual(['jwks-epic-production.json']);
    anchorClick.mockRestore();
  });

  it('when the clipboard is refused, the key is selected and the page says to press Ctrl+C', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) } });
    await renderApp(adminConsole([withKey]));
    await openSetupTab();
    await waitFor(() => button('Copy'));
    await click(button('Copy'));
    await waitFor(() => expect(pageText()).toContain('press Ctrl+C'));
    const selection = window.getSelection();
    expect(selection?.anchorNode).toBe(document.querySelector('pre.code-block'));
    expect(document.activeElement).toBe(document.querySelector('pre.code-block'));
  });
});

describe('editing and deleting', () => {
  const cerner = connection(3, { name: 'Cerner prod', vendor: 'cerner', authMode: 'client_secret_basic', clientId: 'noc', rateLimitPerHour: 5000 }, { hasSecret: true });

  it('never shows a stored secret: it says one is in the keychain, and Replace asks for a new one', async () => {
    const api = adminConsole([cerner], { 'connections.update': () => ok(cerner) });
    await renderApp(api);
    await openSetupTab();
    await waitFor(() => button('Edit Cerner prod'));
    await click(button('Edit Cerner prod'));
    await waitFor(() => expect(pageText()).toContain('A credential is stored in the keychain.'));
    expect(document.querySelector('dialog input[type="password"]')).toBeNull();
    expect(valueOf('Rate limit (requests per hour)')).toBe('5000');

    await click(button('Replace'));
    expect(valueOf('Client secret')).toBe('');
    expect(document.activeElement).toBe(byLabel('Client secret'));
    await fill('Client secret', 'rotated secret');
    await click(button('Save changes'));
    await waitFor(() => expect(api.callsTo('connections.update')).toHaveLength(1));
    expect(api.callsTo('connections.update')[0]).toMatchObject({ id: 3, secret: { kind: 'clientSecret', value: 'rotated secret' } });
    await waitFor(() => expect(pageText()).toContain('Saved Cerner prod.'));
  });

  it('keeping the stored secret sends none', async () => {
    const api = adminConsole([cerner], { 'connections.update': () => ok(cerner) });
    await renderApp(api);
    await openSetupTab();
    await waitFor(() => button('Edit Cerner prod'));
    await click(button('Edit Cerner prod'));
    await waitFor(() => button('Save changes'));
    await click(button('Save changes'));
    await waitFor(() => expect(api.callsTo('connections.update')).toHaveLength(1));
    expect(api.callsTo('connections.update')[0]).not.toHaveProperty('secret');
  });

  it('delete asks first, then removes the connection', async () => {
    const api = adminConsole([cerner], { 'connections.delete': () => ok({}) });
    await renderApp(api);
    await openSetupTab();
    await waitFor(() => button('Delete Cerner prod'));
    await click(button('Delete Cerner prod'));
    await waitFor(() => button('Delete connection'));
    expect(pageText()).toContain('removes its credential from the keychain');
    expect(api.callsTo('connections.delete')).toEqual([]);
    await click(button('Delete connection'));
    await waitFor(() => expect(queryButton('Delete connection')).toBeNull());
    expect(api.callsTo('connections.delete')).toEqual([{ id: 3 }]);
    expect(pageText()).toContain('Deleted Cerner prod.');
  });
});

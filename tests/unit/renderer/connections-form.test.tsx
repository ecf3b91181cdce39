// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../../src-shared/contract';
import {
  button,
  descriptionOf,
  fail,
  fill,
  fillForm,
  findButton,
  liveTexts,
  ok,
  pageText,
  queryButton,
  renderApp,
  user,
  type FakeVigil,
  type Handlers,
} from './harness';
import { connection, connectionsConsole } from './connection-fixtures';
import { openSetupTab } from './board-fixtures';

function adminConsole(connections: Connection[], more: Handlers = {}): FakeVigil {
  return connectionsConsole(user({ role: 'admin' }), connections, more);
}

const field = (label: string) => screen.getByLabelText(label);

/** A Cerner connection with a client secret, everything the form needs to send it. */
async function fillCernerConnection(person: UserEvent): Promise<void> {
  await fill(person, field('Vendor'), 'cerner');
  await fillForm(person, { Name: 'Cerner production', 'FHIR base URL': 'https://fhir.example.org/r4/', 'Client ID': 'vigil-noc', 'Client secret': 's3cret value' });
}

async function openAddForm(api: FakeVigil): Promise<UserEvent> {
  const person = renderApp(api);
  await openSetupTab(person);
  await waitFor(() => expect(button('Add connection').getAttribute('aria-busy')).toBeNull());
  await person.click(button('Add connection'));
  await screen.findByRole('dialog', { name: 'Add a connection' });
  return person;
}

/** The connections list with the edit dialog of this connection open. */
async function openEditForm(api: FakeVigil, name: string): Promise<UserEvent> {
  const person = renderApp(api);
  await openSetupTab(person);
  await person.click(await findButton(`Edit ${name}`));
  await screen.findByRole('dialog', { name: `Edit ${name}` });
  return person;
}

const valueOf = (label: string) => (field(label) as HTMLInputElement).value;

describe('adding a connection', () => {
  it('choosing a vendor applies its sign-in method, scopes and rate limit, shows its quirks, and a preset fills the URLs', async () => {
    const person = await openAddForm(adminConsole([]));
    // The first vendor's defaults from the start.
    expect(valueOf('Vendor')).toBe('epic');
    expect(valueOf('Sign-in method')).toBe('private_key_jwt');
    expect(valueOf('Scopes')).toBe('system/Patient.read\nsystem/Observation.read');
    expect(field('Rate limit (requests per hour)').getAttribute('placeholder')).toBe('600');
    expect(pageText()).toContain('Known quirks of Epic');
    expect(pageText()).toContain('its jti may be used only once');
    expect(valueOf('Connect timeout (ms)')).toBe('10000');

    await fill(person, field('Rate limit (requests per hour)'), '900');
    await fill(person, field('Vendor'), 'cerner');
    expect(valueOf('Sign-in method')).toBe('client_secret_basic');
    expect(valueOf('Scopes')).toBe('system/Patient.read');
    expect(valueOf('Rate limit (requests per hour)')).toBe('');
    expect(field('Rate limit (requests per hour)').getAttribute('placeholder')).toBe('10000');
    expect(pageText()).toContain('Known quirks of Oracle Health (Cerner)');
    expect(valueOf('Client secret')).toBe('');

    await person.click(button('Oracle Health open sandbox (R4, no sign-in)'));
    expect(valueOf('FHIR base URL')).toBe('https://fhir-open.cerner.com/r4/tenant');
    expect(valueOf('Sign-in method')).toBe('none');
    expect(pageText()).toContain('This sign-in method needs no credential.');
  });

  it("checks the connection schema before sending, next to each field", async () => {
    const api = adminConsole([]);
    const person = await openAddForm(api);
    await fill(person, field('FHIR base URL'), 'ehr.example.org/fhir');
    await fill(person, field('Connect timeout (ms)'), '5');
    await person.click(button('Save connection'));

    expect(descriptionOf(field('Name'))).toContain('Enter a name');
    expect(descriptionOf(field('FHIR base URL'))).toContain('Enter an http:// or https:// URL');
    expect(descriptionOf(field('Client ID'))).toContain('This sign-in method needs a client ID');
    expect(descriptionOf(field('Connect timeout (ms)'))).toContain('Enter a whole number from 100 to 120,000');
    expect(document.activeElement).toBe(field('Name'));
    expect(api.callsTo('connections.create')).toEqual([]);
  });

  it("puts main's INVALID_INPUT at ['config','baseUrl'] next to the base URL field", async () => {
    const api = adminConsole([], {
      'connections.create': () =>
        fail('INVALID_INPUT', 'The connection settings are not valid.', [{ path: ['config', 'baseUrl'], message: 'No FHIR server answers at this URL' }]),
    });
    const person = await openAddForm(api);
    await fillCernerConnection(person);
    await person.click(button('Save connection'));

    const baseUrl = field('FHIR base URL');
    await waitFor(() => expect(baseUrl.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(baseUrl)).toContain('No FHIR server answers at this URL');
    expect(document.activeElement).toBe(baseUrl);
    expect(field('Name').getAttribute('aria-invalid')).toBeNull();
    expect(liveTexts('alert')).toEqual([]);
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
          allowPlainHttp: false,
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
    const person = await openAddForm(api);
    await fillCernerConnection(person);
    await person.click(button('Save connection'));

    const name = field('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(name)).toBe(message);
    expect(document.activeElement).toBe(name);
    expect(liveTexts('alert')).toEqual([]);
  });

  it("puts a credential problem (['secret','value']) next to the credential field", async () => {
    const api = adminConsole([], {
      'connections.create': () => fail('INVALID_INPUT', 'Not a key.', [{ path: ['secret', 'value'], message: 'This is not a PKCS#8 PEM or a private JWK' }]),
    });
    const person = await openAddForm(api);
    await fill(person, field('Name'), 'Epic production');
    await fill(person, field('FHIR base URL'), 'https://epic.example.org/api/FHIR/R4');
    await fill(person, field('Client ID'), 'vigil');
    await person.click(screen.getByRole('radio', { name: 'Import an existing key' }));
    await fill(person, field('Private key (PEM or JWK)'), 'not a key');
    await person.click(button('Save connection'));
    await waitFor(() => expect(descriptionOf(field('Private key (PEM or JWK)'))).toContain('not a PKCS#8 PEM'));
  });
});

describe('plain http:// and the client secret’s end date', () => {
  it('refuses plain http:// to another computer on the URL field, in words that name the box that allows it', async () => {
    const api = adminConsole([]);
    const person = await openAddForm(api);
    await fillCernerConnection(person);
    await fill(person, field('FHIR base URL'), 'http://ehr.hospital.example/fhir');
    await person.click(button('Save connection'));

    const baseUrl = field('FHIR base URL');
    expect(descriptionOf(baseUrl)).toBe('Use https:// here: plain http:// is sent only to this computer, unless “Allow plain http:// (unencrypted)” is ticked.');
    expect(baseUrl.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(baseUrl);
    expect(api.callsTo('connections.create')).toEqual([]);
    // This computer is another matter.
    await fill(person, field('FHIR base URL'), 'http://127.0.0.1:8080/fhir');
    await person.click(button('Save connection'));
    await waitFor(() => expect(api.callsTo('connections.create')).toHaveLength(1));
  });

  it('ticked, it warns what crosses the network unencrypted, and the URL is sent with the permission', async () => {
    const api = adminConsole([], { 'connections.create': (input) => ok(connection(9, input.config)) });
    const person = await openAddForm(api);
    await fillCernerConnection(person);
    await fill(person, field('FHIR base URL'), 'http://ehr.hospital.example/fhir');
    expect(pageText()).not.toContain('cross the network unencrypted');
    await person.click(field('Allow plain http:// (unencrypted)'));
    expect(liveTexts('status').join(' ')).toContain('tokens, passwords and patient data cross the network unencrypted');
    await person.click(button('Save connection'));
    await waitFor(() => expect(api.callsTo('connections.create')).toHaveLength(1));
    expect(api.callsTo('connections.create')[0]).toMatchObject({ config: { baseUrl: 'http://ehr.hospital.example/fhir', allowPlainHttp: true } });
  });

  it('a client secret may have an end date, typed as the tables show dates; other sign-in methods do not ask', async () => {
    const api = adminConsole([], { 'connections.create': (input) => ok(connection(9, input.config)) });
    const person = await openAddForm(api);
    expect(screen.queryByLabelText('Client secret expires on')).toBeNull();
    await fillCernerConnection(person);
    const expires = field('Client secret expires on');
    expect(descriptionOf(expires)).toContain('the vendor’s end date for this secret, for the expiry reminders');

    await fill(person, expires, '1 March');
    await person.click(button('Save connection'));
    expect(descriptionOf(expires)).toContain('Enter a date and time as YYYY-MM-DD hh:mm');
    expect(api.callsTo('connections.create')).toEqual([]);

    await fill(person, expires, '2027-03-01');
    await person.click(button('Save connection'));
    await waitFor(() => expect(api.callsTo('connections.create')).toHaveLength(1));
    expect(api.callsTo('connections.create')[0]).toMatchObject({ config: { clientSecretExpiresAt: new Date(2027, 2, 1).getTime() } });
  });

  it('editing shows the saved end date back, and a method without a secret drops it', async () => {
    const saved = connection(4, { name: 'Cerner prod', vendor: 'cerner', authMode: 'client_secret_post', clientId: 'noc', clientSecretExpiresAt: new Date(2027, 2, 1).getTime() }, { hasSecret: true });
    const api = adminConsole([saved], { 'connections.update': () => ok(saved) });
    const person = await openEditForm(api, 'Cerner prod');
    expect(valueOf('Client secret expires on')).toBe('2027-03-01');
    await fill(person, field('Sign-in method'), 'none');
    expect(screen.queryByLabelText('Client secret expires on')).toBeNull();
    await person.click(button('Save changes'));
    await waitFor(() => expect(api.callsTo('connections.update')).toHaveLength(1));
    expect((api.callsTo('connections.update')[0] as { config: object }).config).not.toHaveProperty('clientSecretExpiresAt');
  });
});

describe('private_key_jwt', () => {
  const jwks = { keys: [{ kty: 'RSA', kid: 'k1', alg: 'RS384', use: 'sig', n: 'AQAB-modulus', e: 'AQAB' }] };
  const saved = connection(7, { name: 'Epic production', vendor: 'epic', authMode: 'private_key_jwt', clientId: 'vigil-client', baseUrl: 'https://epic.example.org/api/FHIR/R4' });
  const withKey = { ...saved, hasSecret: true, publicJwks: jwks };

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
    const person = await openAddForm(api);
    await fill(person, field('Name'), 'Epic production');
    await fill(person, field('FHIR base URL'), 'https://epic.example.org/api/FHIR/R4');
    await fill(person, field('Client ID'), 'vigil-client');
    await fill(person, field('Key algorithm'), 'ES384');
    await person.click(button('Save connection'));

    await waitFor(() => expect(pageText()).toContain('Register this public key with the EHR vendor for client ID vigil-client'));
    expect(api.callsTo('connections.create')).toHaveLength(1);
    expect(api.callsTo('connections.create')[0]).not.toHaveProperty('secret');
    expect(api.callsTo('connections.generateKey')).toEqual([{ id: 7, alg: 'ES384' }]);
    const shown = document.querySelector('pre.code-block')?.textContent ?? '';
    expect(JSON.parse(shown)).toEqual(jwks);

    await person.click(button('Copy'));
    // user-event keeps a clipboard of its own in place of the browser's.
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(JSON.stringify(jwks, null, 2)));
    expect(pageText()).toContain('Copied the public key.');

    const downloads: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:jwks');
    URL.revokeObjectURL = vi.fn();
    const anchorClick = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    await person.click(button('Save as file'));
    expect(downloads).toEqual(['jwks-epic-production.json']);
    anchorClick.mockRestore();
  });

  it('when the clipboard is refused, the key is selected and the page says to press Ctrl+C', async () => {
    const person = renderApp(adminConsole([withKey]));
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await openSetupTab(person);
    await person.click(await findButton('Copy'));
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
    const person = await openEditForm(api, 'Cerner prod');
    expect(pageText()).toContain('A credential is stored in the keychain.');
    expect(screen.getByRole('dialog').querySelector('input[type="password"]')).toBeNull();
    expect(valueOf('Rate limit (requests per hour)')).toBe('5000');

    await person.click(button('Replace'));
    expect(valueOf('Client secret')).toBe('');
    expect(document.activeElement).toBe(field('Client secret'));
    await fill(person, field('Client secret'), 'rotated secret');
    await person.click(button('Save changes'));
    await waitFor(() => expect(api.callsTo('connections.update')).toHaveLength(1));
    expect(api.callsTo('connections.update')[0]).toMatchObject({ id: 3, secret: { kind: 'clientSecret', value: 'rotated secret' } });
    await waitFor(() => expect(pageText()).toContain('Saved Cerner prod.'));
  });

  it('keeping the stored secret sends none', async () => {
    const api = adminConsole([cerner], { 'connections.update': () => ok(cerner) });
    const person = await openEditForm(api, 'Cerner prod');
    await person.click(button('Save changes'));
    await waitFor(() => expect(api.callsTo('connections.update')).toHaveLength(1));
    expect(api.callsTo('connections.update')[0]).not.toHaveProperty('secret');
  });

  it('delete asks first, then removes the connection', async () => {
    const api = adminConsole([cerner], { 'connections.delete': () => ok({}) });
    const person = renderApp(api);
    await openSetupTab(person);
    await person.click(await findButton('Delete Cerner prod'));
    await findButton('Delete connection');
    expect(pageText()).toContain('removes its credential from the keychain');
    expect(api.callsTo('connections.delete')).toEqual([]);
    await person.click(button('Delete connection'));
    await waitFor(() => expect(queryButton('Delete connection')).toBeNull());
    expect(api.callsTo('connections.delete')).toEqual([{ id: 3 }]);
    expect(pageText()).toContain('Deleted Cerner prod.');
  });
});

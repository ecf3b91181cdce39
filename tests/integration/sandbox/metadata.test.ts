import type { CapabilityStatement, Extension } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/sandbox';
import type { SandboxFlavour } from '../../../src-shared/sandbox-state';
import { accessToken, bearer, call } from './client';

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ patients: 5 });
});

afterAll(async () => {
  await sb.close();
});

async function metadata(flavour: SandboxFlavour, base = sb.baseUrl) {
  await sb.set({ flavour });
  const reply = await call(`${base}/metadata`);
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toMatch(/^application\/fhir\+json/);
  return { cs: reply.json<CapabilityStatement>(), text: reply.text };
}

function oauthUris(cs: CapabilityStatement): Extension[] {
  const ext = cs.rest?.[0]?.security?.extension?.find((e) => e.url === OAUTH_URIS);
  return ext?.extension ?? [];
}

describe('GET /metadata', () => {
  it.each(['generic', 'epic', 'cerner', 'allscripts'] as const)('%s: an R4 CapabilityStatement whose oauth-uris name the sandbox token endpoint', async (flavour) => {
    const { cs } = await metadata(flavour);
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1' });
    expect(oauthUris(cs).find((e) => e.url === 'token')?.valueUri).toBe(sb.tokenEndpoint);
    expect(cs.rest?.[0]?.resource?.map((r) => r.type)).toEqual(['Patient', 'Observation', 'MedicationRequest', 'AuditEvent']);
    const patientParams = cs.rest?.[0]?.resource?.[0]?.searchParam?.map((p) => p.name);
    expect(patientParams).toEqual(expect.arrayContaining(['_id', 'identifier', 'family', 'birthdate']));
  });

  it('epic: software "Epic", no publisher or url, and valueUri written before url as Epic does', async () => {
    const { cs, text } = await metadata('epic');
    expect(cs.software?.name).toBe('Epic');
    expect(cs.publisher).toBeUndefined();
    expect(cs.url).toBeUndefined();
    expect(Object.keys(oauthUris(cs)[0] ?? {})).toEqual(['valueUri', 'url']);
    expect(text).toContain(`{"valueUri":"${sb.tokenEndpoint}","url":"token"}`);
  });

  it('cerner: publisher Oracle Health and no software element', async () => {
    const { cs } = await metadata('cerner');
    expect(cs.publisher).toBe('Oracle Health');
    expect(cs.software).toBeUndefined();
    expect(Object.keys(oauthUris(cs)[0] ?? {})).toEqual(['url', 'valueUri']);
  });

  it('allscripts: software Veradigm FHIR and a manage URI', async () => {
    const { cs } = await metadata('allscripts');
    expect(cs.software?.name).toBe('Veradigm FHIR');
    expect(cs.publisher).toBe('Veradigm');
    expect(oauthUris(cs).map((e) => e.url)).toEqual(['authorize', 'token', 'manage']);
  });

  it('generic: names the sandbox itself', async () => {
    const { cs } = await metadata('generic');
    expect(cs.software?.name).toBe('Vigil sandbox');
    expect(cs.implementation?.url).toBe(sb.baseUrl);
  });
});

describe('GET /.well-known/smart-configuration', () => {
  it('offers client_credentials with private_key_jwt (RS384, ES384) and both secret methods, without a token', async () => {
    const reply = await call(`${sb.baseUrl}/.well-known/smart-configuration`);
    expect(reply.status).toBe(200);
    const config = reply.json();
    expect(config).toMatchObject({
      token_endpoint: sb.tokenEndpoint,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    });
    expect(config.scopes_supported).toEqual(expect.arrayContaining(['system/*.read', 'system/Patient.read', 'system/Observation.rs']));
    expect(config.capabilities).toEqual(expect.arrayContaining(['client-confidential-asymmetric']));
  });
});

describe('CDS Hooks discovery', () => {
  it('lists the sandbox services', async () => {
    const origin = new URL(sb.baseUrl).origin;
    const reply = await call(`${origin}/cds-services`);
    expect(reply.status).toBe(200);
    const { services } = reply.json<{ services: { hook: string; id: string }[] }>();
    expect(services.map((s) => s.hook)).toEqual(['patient-view', 'order-sign']);
  });
});

describe('virtual endpoints', () => {
  it('serve the same data under their own base URLs', async () => {
    const token = await accessToken(sb);
    const bases = [sb.virtualBaseUrl(0), sb.virtualBaseUrl(1999)];
    expect(new Set(bases).size).toBe(2);

    const { cs } = await metadata('generic', bases[1]);
    expect(cs.implementation?.url).toBe(bases[1]);
    const smart = (await call(`${bases[1]}/.well-known/smart-configuration`)).json();
    expect(smart.token_endpoint).toBe(sb.tokenEndpoint);

    const first = async (base: string) => {
      const bundle = (await call(`${base}/Patient?_count=1`, { headers: bearer(token) })).json<{ entry: { fullUrl: string; resource: { id: string } }[] }>();
      return bundle.entry[0];
    };
    const [a, b, main] = await Promise.all([first(bases[0] as string), first(bases[1] as string), first(sb.baseUrl)]);
    expect(a?.resource.id).toBe(main?.resource.id);
    expect(b?.resource.id).toBe(main?.resource.id);
    expect(b?.fullUrl).toBe(`${bases[1]}/Patient/${main?.resource.id}`);

    const origin = new URL(sb.baseUrl).origin;
    expect((await call(`${origin}/v/12/cds-services`)).status).toBe(200);
  });
});

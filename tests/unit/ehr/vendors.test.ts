import { describe, expect, it } from 'vitest';
import type { CapabilityStatement } from 'fhir/r4';
import { readSmartConfiguration, tokenEndpointFromCapabilityStatement } from '../../../src-main/ehr/smart-discovery';
import { detectVendor, VENDOR_PROFILES } from '../../../src-main/ehr/vendors';
import { vendorFixture } from './fixtures';

const metadata = (name: string) => vendorFixture<CapabilityStatement>(name);

describe('vendor detection from real CapabilityStatements', () => {
  it('recognises Epic by software.name (the document has no publisher)', () => {
    expect(detectVendor(metadata('epic-r4-metadata.json'))).toEqual({ vendor: 'epic', evidence: 'software.name = "Epic"' });
  });

  it('recognises Oracle Health by publisher (the document has no software)', () => {
    expect(detectVendor(metadata('cerner-r4-metadata.json'))).toEqual({ vendor: 'cerner', evidence: 'publisher = "Oracle Health"' });
  });

  it('recognises Veradigm by software.name', () => {
    expect(detectVendor(metadata('allscripts-r4-metadata.json'))).toEqual({ vendor: 'allscripts', evidence: 'software.name = "Veradigm FHIR"' });
  });

  it('falls back to the host name, then to generic', () => {
    const byHost: Partial<CapabilityStatement> = { resourceType: 'CapabilityStatement', implementation: { description: 'x', url: 'https://epicproxy.et0948.epichosted.com/FhirProxy/api/FHIR/R4' } };
    expect(detectVendor(byHost).vendor).toBe('epic');
    expect(detectVendor({ resourceType: 'CapabilityStatement', publisher: 'HAPI' }).vendor).toBe('generic');
  });
});

describe('token endpoint discovery documents', () => {
  it("reads the oauth-uris token URL in Epic's order (valueUri before url) and Veradigm's (url first)", () => {
    expect(tokenEndpointFromCapabilityStatement(metadata('epic-r4-metadata.json'))).toBe('https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token');
    expect(tokenEndpointFromCapabilityStatement(metadata('allscripts-r4-metadata.json'))).toBe(
      'https://fhir.fhirpoint.open.allscripts.com/fhirroute/authorizationV2/CP00101/connect/token',
    );
  });

  it("finds none in Oracle Health's open endpoint, which has no oauth-uris", () => {
    expect(tokenEndpointFromCapabilityStatement(metadata('cerner-r4-metadata.json'))).toBeUndefined();
  });

  it("reads Veradigm's non-standard token_endpoint_auth_methods and drops its duplicates", () => {
    const sc = readSmartConfiguration(vendorFixture('allscripts-r4-smart-configuration.json'));
    expect(sc.tokenAuthMethods).toEqual(['client_secret_basic', 'client_secret_post', 'tls_client_auth', 'self_signed_tls_client_auth']);
    expect(sc.tokenEndpoint).toBe('https://fhir.fhirpoint.open.allscripts.com/fhirroute/authorizationV2/CP00101/connect/token');
  });

  it('reads the standard keys from Oracle Health and Epic tenants', () => {
    const cerner = readSmartConfiguration(vendorFixture('cerner-r4-smart-configuration.json'));
    expect(cerner.tokenAuthMethods).toEqual(['client_secret_basic', 'private_key_jwt']);
    expect(cerner.signingAlgs).toEqual(['RS384', 'ES384']);
    const epic = readSmartConfiguration(vendorFixture('epic-templehealth-r4-smart-configuration.json'));
    expect(epic.tokenEndpoint).toBe('https://epicaccess.templehealth.org/FhirProxyPrd/oauth2/token');
    expect(epic.tokenAuthMethods).toContain('private_key_jwt');
  });

  it('keeps the sandbox presets in step with the fixtures', () => {
    const cerner = readSmartConfiguration(vendorFixture('cerner-r4-smart-configuration.json'));
    expect(VENDOR_PROFILES.cerner.sandboxes.find((s) => s.authMode !== 'none')?.tokenEndpoint).toBe(cerner.tokenEndpoint);
    expect(VENDOR_PROFILES.epic.sandboxes[0]?.baseUrl).toBe(metadata('epic-r4-metadata.json').implementation?.url);
  });
});

describe('vendor profiles', () => {
  it('carry the seed rate limits and a scope style', () => {
    expect(VENDOR_PROFILES.epic.rateLimitPerHour).toBe(600);
    expect(VENDOR_PROFILES.cerner.rateLimitPerHour).toBe(10_000);
    expect(VENDOR_PROFILES.allscripts.rateLimitNote).toMatch(/agreement/);
    for (const p of Object.values(VENDOR_PROFILES)) expect(['smart-v1', 'smart-v2']).toContain(p.scopeStyle);
  });
});

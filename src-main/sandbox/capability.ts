/**
 * GET [base]/metadata: a CapabilityStatement shaped like the vendor the
 * sandbox plays, so vendor detection and its quirks can be exercised offline.
 * The shapes follow real captures (shared/fixtures/vendors): Epic names itself
 * in software and writes valueUri before url in oauth-uris; Oracle Health sets
 * publisher and has no software element; Veradigm names "Veradigm FHIR" and
 * adds a manage URI.
 */
import type { CapabilityStatement, CapabilityStatementRestResource, CapabilityStatementRestSecurity, Extension } from '@medplum/fhirtypes';
import { VERSION } from '../version';
import { searchableParameters, SERVED_TYPES } from './search-parameters';
import type { SandboxFlavour } from '../../src-shared/sandbox-state';

export interface SandboxEndpoints {
  fhirBase: string;
  token: string;
  authorize: string;
}

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const SECURITY_SERVICE = 'http://terminology.hl7.org/CodeSystem/restful-security-service';
const US_CORE_SERVER = 'http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server';

export function capabilityStatement(flavour: SandboxFlavour, e: SandboxEndpoints, published: Date): CapabilityStatement {
  const dateTime = published.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const date = dateTime.slice(0, 10);
  switch (flavour) {
    case 'epic':
      return {
        resourceType: 'CapabilityStatement',
        status: 'active',
        experimental: true,
        date: dateTime,
        kind: 'instance',
        instantiates: [`${US_CORE_SERVER}|6.1.0`],
        software: { name: 'Epic', version: 'May 2026', releaseDate: '2026-05-11' },
        implementation: { description: 'Vigil sandbox (Epic flavour)', url: e.fhirBase },
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [
          {
            mode: 'server',
            security: security(
              [
                { valueUri: e.authorize, url: 'authorize' },
                { valueUri: e.token, url: 'token' },
              ],
              ['OAuth', 'SMART-on-FHIR', 'Basic'],
            ),
            resource: resources(),
          },
        ],
      };
    case 'cerner':
      return {
        resourceType: 'CapabilityStatement',
        url: `${e.fhirBase}/metadata`,
        name: 'OracleHealthCapabilityStatement',
        title: 'Oracle Health Capability Statement',
        status: 'active',
        date,
        publisher: 'Oracle Health',
        description: 'Vigil sandbox (Oracle Health flavour)',
        kind: 'instance',
        instantiates: [US_CORE_SERVER],
        implementation: { description: 'Vigil sandbox (Oracle Health flavour)', url: e.fhirBase },
        fhirVersion: '4.0.1',
        format: ['json', 'application/fhir+json'],
        rest: [{ mode: 'server', security: security(uris(e), ['SMART-on-FHIR']), resource: resources() }],
      };
    case 'allscripts':
      return {
        resourceType: 'CapabilityStatement',
        language: 'en-US',
        url: e.fhirBase,
        version: '4.0.1',
        name: 'Veradigm FHIR Server R4 Implementation',
        status: 'active',
        experimental: false,
        date,
        publisher: 'Veradigm',
        description: 'Vigil sandbox (Veradigm flavour)',
        kind: 'instance',
        software: { name: 'Veradigm FHIR', version: '4.22.0.1', releaseDate: '2026-05-07' },
        implementation: { description: 'Vigil sandbox (Veradigm flavour)', url: e.fhirBase },
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [
          {
            mode: 'server',
            security: security([...uris(e), { url: 'manage', valueUri: e.fhirBase }], ['SMART-on-FHIR']),
            resource: resources(),
          },
        ],
      };
    case 'generic':
      return {
        resourceType: 'CapabilityStatement',
        url: `${e.fhirBase}/metadata`,
        version: VERSION,
        name: 'VigilSandbox',
        title: 'Vigil sandbox EHR',
        status: 'active',
        experimental: true,
        date: dateTime,
        publisher: 'Vigil',
        kind: 'instance',
        software: { name: 'Vigil sandbox', version: VERSION },
        implementation: { description: 'Vigil sandbox FHIR R4 server', url: e.fhirBase },
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [{ mode: 'server', security: security(uris(e), ['SMART-on-FHIR']), resource: resources() }],
      };
  }
}

function uris(e: SandboxEndpoints): Extension[] {
  return [
    { url: 'authorize', valueUri: e.authorize },
    { url: 'token', valueUri: e.token },
  ];
}

function security(oauthUris: Extension[], services: string[]): CapabilityStatementRestSecurity {
  return {
    extension: [{ extension: oauthUris, url: OAUTH_URIS }],
    cors: true,
    service: services.map((code) => ({ coding: [{ system: SECURITY_SERVICE, code, display: code }], text: code })),
  };
}

function resources(): CapabilityStatementRestResource[] {
  return SERVED_TYPES.map((type) => ({
    type,
    interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'history-instance' }, { code: 'search-type' }],
    searchParam: searchableParameters(type).map((p) => ({ name: p.code, definition: p.url, type: p.type })),
  }));
}

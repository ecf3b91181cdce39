/**
 * What Vigil knows about each EHR vendor's FHIR R4 API: defaults for a new
 * connection, public sandboxes as presets, and the quirks that explain odd
 * behaviour. Each quirk names where it was seen: the vendor's developer
 * documentation, or a real document kept in tests/fixtures/vendors/ (see
 * SOURCES.md there).
 */
import type { AuthMode, VendorId } from '../../src-shared/connection-config';
import type { CapabilityStatement } from 'fhir/r4';
import type { ScopeStyle } from './scopes';

export interface SandboxPreset {
  label: string;
  baseUrl: string;
  authMode: AuthMode;
  tokenEndpoint?: string;
}

export interface VendorProfile {
  id: VendorId;
  label: string;
  rateLimitPerHour: number;
  /** Where the rate figure comes from, shown next to it. */
  rateLimitNote: string;
  defaultAuthMode: AuthMode;
  scopeStyle: ScopeStyle;
  sandboxes: SandboxPreset[];
  quirks: string[];
}

const epic: VendorProfile = {
  id: 'epic',
  label: 'Epic',
  rateLimitPerHour: 600,
  rateLimitNote: 'Seed figure of 600 requests/hour per client; Epic sets limits per organisation, so confirm it with the customer.',
  // Backend apps register a public key and sign a JWT for client_credentials:
  // https://fhir.epic.com/Documentation?docId=oauth2 ("Backend Systems").
  defaultAuthMode: 'private_key_jwt',
  // Both Epic smart-configurations in the fixtures advertise permission-v1 and
  // permission-v2; Epic's backend documentation writes v1 scopes.
  scopeStyle: 'smart-v1',
  sandboxes: [
    {
      label: 'Epic on FHIR sandbox (R4)',
      baseUrl: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
      authMode: 'private_key_jwt',
      // From the sandbox CapabilityStatement (fixture epic-r4-metadata.json).
      tokenEndpoint: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
    },
  ],
  quirks: [
    // https://fhir.epic.com/Resources/jwt_auth_troubleshoot_eof, quoted by medplum's external-FHIR-server docs.
    'The token endpoint answers most assertion faults (unknown key, bad signature, wrong aud, expired or reused jti) with {"error":"invalid_client","error_description":null}: the code is all there is to go on.',
    // https://fhir.epic.com/Documentation?docId=oauth2 (JWT requirements for backend services).
    'A client assertion must expire no more than 5 minutes after it is issued and its jti may be used only once.',
    // https://fhir.epic.com/Documentation?docId=oauth2 (community member setup for backend apps).
    "Outside the sandbox, each organisation's administrators must map the client ID to an Epic user before any token is issued.",
    // Fixture epic-r4-metadata.json.
    'The CapabilityStatement has no publisher, url or name: it is recognised by software.name "Epic". Its oauth-uris extension lists valueUri before url.',
    // Fixtures epic-selectmedical-r4-smart-configuration.json and epic-templehealth-r4-smart-configuration.json.
    "smart-configuration's scopes_supported lists no system/ scopes: a backend client's access is the set of APIs selected in its app registration.",
  ],
};

const cerner: VendorProfile = {
  id: 'cerner',
  label: 'Oracle Health (Cerner)',
  rateLimitPerHour: 10_000,
  rateLimitNote: 'Seed figure of 10,000 requests/hour; confirm the tenant’s allowance with Oracle Health.',
  // System accounts from Cerner Central use client_credentials with the
  // account's secret in an HTTP Basic header:
  // https://fhir.cerner.com/authorization/#requesting-authorization-on-behalf-of-a-system
  defaultAuthMode: 'client_secret_basic',
  // Fixture cerner-r4-smart-configuration.json offers both permission-v1 and
  // -v2 and lists both spellings; its token endpoint is the smart-v1 profile.
  scopeStyle: 'smart-v1',
  sandboxes: [
    {
      label: 'Oracle Health open sandbox (R4, no sign-in)',
      baseUrl: 'https://fhir-open.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d',
      authMode: 'none',
    },
    {
      label: 'Oracle Health secure sandbox (R4)',
      baseUrl: 'https://fhir-ehr-code.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d',
      authMode: 'client_secret_basic',
      // Fixture cerner-r4-smart-configuration.json.
      tokenEndpoint:
        'https://authorization.cerner.com/tenants/ec2458f2-1e24-41c8-b71b-0e701af7583d/hosts/fhir-ehr-code.cerner.com/protocols/oauth2/profiles/smart-v1/token',
    },
  ],
  quirks: [
    // Fixture cerner-r4-metadata.json.
    'The CapabilityStatement says publisher "Oracle Health" (no longer "Cerner") and has no software element.',
    // https://docs.oracle.com/en/industries/health/millennium-platform-apis/mfrap/r4_overview.html (service root URL).
    'The tenant id is a path segment of the base URL, and the token endpoint carries a /hosts/<FHIR host>/ segment: discover it rather than build it.',
    // Fixture cerner-r4-metadata.json (the open endpoint).
    'The open sandbox needs no token and its CapabilityStatement has no oauth-uris extension.',
    // https://forums.oracle.com/ords/apexds/post/smart-on-fhir-scopes-trimmed-to-only-openid-fhiruser-launch-0660
    'The authorization server can grant fewer scopes than requested without an error: compare the granted scope with the request.',
    // Fixture cerner-r4-smart-configuration-lantern.json.
    "An older smart-configuration gave an openid-configuration URL as its issuer.",
  ],
};

const allscripts: VendorProfile = {
  id: 'allscripts',
  label: 'Veradigm (Allscripts)',
  // Veradigm publishes no figure (https://developer.veradigm.com/Fhir/Introduction);
  // limits come with the agreement. 600/hour (one call per 6 s on average) is
  // Vigil's conservative default until the agreed figure is entered.
  rateLimitPerHour: 600,
  rateLimitNote: 'Set by agreement with Veradigm; 600 requests/hour is a conservative default until the agreed figure is entered.',
  // Fixture allscripts-r4-smart-configuration.json lists client_secret_basic
  // first among its token endpoint auth methods.
  defaultAuthMode: 'client_secret_basic',
  // Veradigm implements SMART App Launch 2.0.0: https://developer.veradigm.com/Fhir/SMARTonFHIR
  scopeStyle: 'smart-v2',
  sandboxes: [
    {
      label: 'Veradigm FHIRPoint sandbox CP00101 (R4)',
      baseUrl: 'https://fhir.fhirpoint.open.allscripts.com/fhirroute/fhir/CP00101',
      authMode: 'client_secret_basic',
      // Fixture allscripts-r4-smart-configuration.json.
      tokenEndpoint: 'https://fhir.fhirpoint.open.allscripts.com/fhirroute/authorizationV2/CP00101/connect/token',
    },
  ],
  quirks: [
    // Fixture allscripts-r4-smart-configuration.json.
    'smart-configuration uses the non-standard key token_endpoint_auth_methods (each method listed twice) instead of token_endpoint_auth_methods_supported.',
    // Fixture allscripts-r4-smart-configuration.json.
    'The issuer is on a different host (fhirecho…) from the token endpoint.',
    // https://developer.veradigm.com/Fhir/ProcessOverview ("Functionality Considerations").
    'The FHIR API is read-only; writes go through the separate Unity API.',
    // Fixture allscripts-r4-metadata.json.
    'The CapabilityStatement names publisher "Veradigm" and software "Veradigm FHIR"; its oauth-uris extension adds a manage URL.',
  ],
};

const generic: VendorProfile = {
  id: 'generic',
  label: 'FHIR R4 server',
  rateLimitPerHour: 3_600,
  rateLimitNote: 'No vendor figure: one request per second on average until the server’s limit is known.',
  // SMART Backend Services is the standard way for a system to sign in:
  // https://hl7.org/fhir/smart-app-launch/STU2/backend-services.html
  defaultAuthMode: 'private_key_jwt',
  scopeStyle: 'smart-v2',
  sandboxes: [
    { label: 'HAPI FHIR public test server (R4)', baseUrl: 'https://hapi.fhir.org/baseR4', authMode: 'none' },
    { label: 'SMART Health IT open server (R4)', baseUrl: 'https://r4.smarthealthit.org', authMode: 'none' },
  ],
  quirks: [],
};

export const VENDOR_PROFILES: Readonly<Record<VendorId, VendorProfile>> = { epic, cerner, allscripts, generic };

export interface VendorDetection {
  vendor: VendorId;
  /** The element that gave it away, e.g. `software.name = "Epic"`. */
  evidence: string;
}

const NAME_SIGNS: Array<{ vendor: VendorId; pattern: RegExp }> = [
  { vendor: 'epic', pattern: /\bepic\b/i },
  { vendor: 'cerner', pattern: /cerner|oracle health|millennium/i },
  { vendor: 'allscripts', pattern: /veradigm|allscripts/i },
];

const HOST_SIGNS: Array<{ vendor: VendorId; pattern: RegExp }> = [
  { vendor: 'epic', pattern: /(^|\.)epic|epichosted\.com$/i },
  { vendor: 'cerner', pattern: /(^|\.)cerner\.com$/i },
  { vendor: 'allscripts', pattern: /(^|\.)(allscripts|veradigm)\.com$/i },
];

function hostname(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/** Which vendor serves a CapabilityStatement: software and publisher first, then the server's host name. */
/** Takes what a server sent, which may lack fields R4 calls required. */
export function detectVendor(cs: Partial<CapabilityStatement>): VendorDetection {
  const names: Array<[string, string | undefined]> = [
    ['software.name', cs.software?.name],
    ['publisher', cs.publisher],
  ];
  for (const [field, value] of names) {
    const sign = value ? NAME_SIGNS.find((s) => s.pattern.test(value)) : undefined;
    if (sign) return { vendor: sign.vendor, evidence: `${field} = "${value}"` };
  }
  const urls: Array<[string, string | undefined]> = [
    ['implementation.url', cs.implementation?.url],
    ['url', cs.url],
  ];
  for (const [field, value] of urls) {
    const host = hostname(value);
    const sign = host ? HOST_SIGNS.find((s) => s.pattern.test(host)) : undefined;
    if (sign) return { vendor: sign.vendor, evidence: `${field} = "${value}"` };
  }
  return { vendor: 'generic', evidence: 'no vendor named in software, publisher or the server URLs' };
}

/**
 * Finding the token endpoint and what it accepts: from
 * `<base>/.well-known/smart-configuration`, or failing that from the
 * CapabilityStatement's SMART oauth-uris extension.
 */
import type { CapabilityStatement, Extension } from 'fhir/r4';

export interface SmartConfiguration {
  issuer?: string;
  tokenEndpoint?: string;
  /** Client authentication methods the token endpoint accepts, de-duplicated. */
  tokenAuthMethods: string[];
  signingAlgs: string[];
  grantTypes: string[];
  capabilities: string[];
  scopesSupported: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readSmartConfiguration(json: Record<string, unknown>): SmartConfiguration {
  return {
    issuer: text(json.issuer),
    tokenEndpoint: text(json.token_endpoint),
    // Veradigm (Allscripts) publishes the non-standard `token_endpoint_auth_methods`,
    // with each method listed twice (fixture allscripts-r4-smart-configuration.json).
    tokenAuthMethods: strings(json.token_endpoint_auth_methods_supported ?? json.token_endpoint_auth_methods),
    signingAlgs: strings(json.token_endpoint_auth_signing_alg_values_supported),
    grantTypes: strings(json.grant_types_supported),
    capabilities: strings(json.capabilities),
    scopesSupported: strings(json.scopes_supported),
  };
}

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/**
 * The `token` URL of the oauth-uris extension. Parsed JSON makes key order
 * irrelevant here; the vendors do differ (Epic writes valueUri before url,
 * Veradigm url before valueUri), which only breaks text-matching parsers.
 */
export function tokenEndpointFromCapabilityStatement(cs: CapabilityStatement): string | undefined {
  for (const rest of cs.rest ?? []) {
    const oauth = rest.security?.extension?.find((e: Extension) => e.url === OAUTH_URIS);
    const token = oauth?.extension?.find((e) => e.url === 'token');
    if (token?.valueUri) return token.valueUri;
  }
  return undefined;
}

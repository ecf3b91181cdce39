/**
 * The FHIR R4 client per connection: vendor profiles, the auth modes and
 * their keys, pooled HTTP with retries, rate limits and a circuit breaker,
 * and the error classes every failure falls into.
 */
export { createFhirClient, type FhirClient, type FhirClientDeps, type FhirResult, type TokenInfo } from './fhir-client';
export type { EhrSecrets } from './auth/authenticator';
export { generateSigningKey, importSigningKey, publicJwks, type GeneratedKey, type SigningKey } from './auth/keys';
export { EHR_KB_CODES, FhirError, safeUrl } from './errors';
export { systemReadScope } from './scopes';
export { tokenEndpointFromCapabilityStatement, type SmartConfiguration } from './smart-discovery';
export { detectVendor, VENDOR_PROFILES, type VendorProfile } from './vendors';

/** The classes every EHR failure falls into; the diagnostics screen shows them. */
export const FHIR_ERROR_KINDS = [
  'AUTH',
  'SCOPE',
  'RATE_LIMITED',
  'TIMEOUT',
  'NETWORK',
  'TLS',
  'SERVER',
  'VALIDATION',
  'CONSENT',
  'NOT_FOUND',
  'MALFORMED_RESPONSE',
] as const;
export type FhirErrorKind = (typeof FHIR_ERROR_KINDS)[number];

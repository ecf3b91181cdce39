/**
 * GET [base]/.well-known/smart-configuration for a server that offers SMART
 * Backend Services only: no user launch, so no authorization endpoint here.
 */
import type { SandboxEndpoints } from './capability';
import { ASSERTION_ALGORITHMS } from './clients';
import { SUPPORTED_SCOPES } from './scopes';

export function smartConfiguration(e: SandboxEndpoints): Record<string, unknown> {
  return {
    token_endpoint: e.token,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGORITHMS,
    scopes_supported: SUPPORTED_SCOPES,
    capabilities: ['client-confidential-asymmetric', 'client-confidential-symmetric', 'permission-v1', 'permission-v2'],
  };
}

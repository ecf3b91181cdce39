import type { AuthMode } from '../../../src-shared/connection-config';

/** How a connection signs in, in the words of the people who set them up. */
export const AUTH_MODE_LABELS: Record<AuthMode, string> = {
  private_key_jwt: 'Private key (SMART Backend Services)',
  client_secret_basic: 'Client secret (HTTP Basic)',
  client_secret_post: 'Client secret (form post)',
  basic: 'User name and password',
  none: 'None (open endpoint)',
};

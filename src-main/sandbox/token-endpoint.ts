/**
 * POST /auth/token: the OAuth 2.0 client_credentials grant with the client
 * authentication methods SMART Backend Services and most EHRs offer
 * (private_key_jwt, client_secret_basic, client_secret_post).
 */
import { ClientAuthError, parseBasicAuth, type ClientRegistry } from './clients';
import { json, oauthError, type SandboxResponse } from './responses';
import { grantScopes } from './scopes';
import type { SandboxState } from '../../src-shared/sandbox-state';
import type { TokenStore } from './tokens';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenRequest {
  method: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
}

export interface TokenContext {
  clients: ClientRegistry;
  tokens: TokenStore;
  state: SandboxState;
  /** This endpoint's own URL on the listener that got the request: the only audience an assertion may name. */
  url: string;
}

export async function handleTokenRequest(req: TokenRequest, ctx: TokenContext): Promise<SandboxResponse> {
  if (req.method !== 'POST') {
    return oauthError(405, 'invalid_request', 'the token endpoint accepts only POST', { allow: 'POST' });
  }
  if (!req.contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(req.body);
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'only grant_type=client_credentials is supported');
  }

  let clientId: string;
  try {
    clientId = await authenticate(form, req.authorization, ctx);
  } catch (err) {
    if (!(err instanceof ClientAuthError)) throw err;
    // RFC 6749 §5.2: a client that tried HTTP Basic is answered with a challenge for it.
    const challenge = req.authorization ? { 'www-authenticate': 'Basic realm="Vigil sandbox"' } : undefined;
    return oauthError(401, 'invalid_client', err.message, challenge);
  }

  const scopes = grantScopes(form.get('scope') ?? undefined, ctx.state.narrowScopes);
  if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'none of the requested scopes can be granted');

  const ttl = ctx.state.tokenTtlSeconds;
  return json(
    { access_token: ctx.tokens.issue(clientId, scopes, ttl), token_type: 'Bearer', expires_in: ttl, scope: scopes.join(' ') },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

async function authenticate(form: URLSearchParams, authorization: string | undefined, ctx: TokenContext): Promise<string> {
  const assertionType = form.get('client_assertion_type');
  if (assertionType !== null) {
    if (assertionType !== JWT_BEARER) throw new ClientAuthError(`client_assertion_type must be ${JWT_BEARER}`);
    const assertion = form.get('client_assertion');
    if (!assertion) throw new ClientAuthError('client_assertion is missing');
    return ctx.clients.verifyAssertion(assertion, form.get('client_id') ?? undefined, ctx.url);
  }
  const basic = parseBasicAuth(authorization);
  if (basic) {
    // RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
    return ctx.clients.verifySecret(formDecode(basic.user), formDecode(basic.password));
  }
  const secret = form.get('client_secret');
  if (secret !== null) return ctx.clients.verifySecret(form.get('client_id') ?? '', secret);
  throw new ClientAuthError('no client authentication: send a client_assertion, HTTP Basic credentials or client_secret');
}

function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new ClientAuthError('the Basic credentials are not form-encoded');
  }
}

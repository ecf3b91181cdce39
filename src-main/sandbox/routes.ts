/**
 * What each URL of the sandbox answers, before faults. One origin serves the
 * token endpoint and any number of FHIR bases: /fhir, and /v/<n>/fhir for the
 * virtual endpoints that let one server stand in for thousands of
 * connections. Metadata, SMART configuration and CDS discovery are public, as
 * on real EHRs; the FHIR data is behind whatever auth the state asks for.
 */
import type { IncomingMessage } from 'node:http';
import { capabilityStatement, type SandboxEndpoints } from './capability';
import { CDS_DISCOVERY } from './cds-services';
import { parseBasicAuth, type ClientRegistry } from './clients';
import { fhirTarget, type FhirApi, type FhirTarget } from './fhir-api';
import { AI_METRICS_PATH, aiMetricsExposition } from './ai-metrics';
import { exposition, fhir, json, oauthError, outcome, type SandboxResponse } from './responses';
import { allows } from './scopes';
import { smartConfiguration } from './smart-configuration';
import type { SandboxState } from '../../src-shared/sandbox-state';
import { handleTokenRequest } from './token-endpoint';
import type { TokenStore } from './tokens';

export interface SandboxCore {
  state(): SandboxState;
  fhir: FhirApi;
  clients: ClientRegistry;
  tokens: TokenStore;
  /** The CapabilityStatement's date. */
  published: Date;
}

export const TOKEN_PATH = '/auth/token';
const AUTHORIZE_PATH = '/auth/authorize';
const MAX_BODY_BYTES = 64 * 1024;
const REALM = 'realm="Vigil sandbox"';

/** /fhir/..., /cds-services, and the same under /v/<n>. */
const BASE_PATH = /^(\/v\/\d{1,6})?\/(fhir|cds-services)(?:\/(.*))?$/;

export async function route(core: SandboxCore, origin: string, req: IncomingMessage): Promise<SandboxResponse> {
  const url = new URL(req.url ?? '/', origin);
  const state = core.state();
  if (url.pathname === TOKEN_PATH) {
    const body = await readBody(req);
    if (body === null) return oauthError(413, 'invalid_request', `the body is larger than ${MAX_BODY_BYTES} bytes`);
    return handleTokenRequest(
      { method: req.method ?? 'GET', contentType: req.headers['content-type'], authorization: req.headers.authorization, body },
      { clients: core.clients, tokens: core.tokens, state, url: origin + TOKEN_PATH },
    );
  }
  if (url.pathname === AI_METRICS_PATH && req.method === 'GET') return exposition(aiMetricsExposition(state.faults, Date.now()));
  if (url.pathname === AUTHORIZE_PATH) {
    return oauthError(400, 'unsupported_response_type', 'this server offers only the client_credentials grant');
  }

  const match = BASE_PATH.exec(url.pathname);
  if (!match) return outcome(404, 'not-found', `Nothing is served at ${url.pathname}.`);
  if (req.method !== 'GET') return outcome(405, 'not-supported', 'The sandbox is read-only: only GET is supported.', { allow: 'GET' });
  const [, prefix = '', service, rest = ''] = match;
  if (service === 'cds-services') {
    return rest === '' ? json(CDS_DISCOVERY) : outcome(404, 'not-found', 'The sandbox offers CDS Hooks discovery only.');
  }

  const endpoints: SandboxEndpoints = {
    fhirBase: `${origin}${prefix}/fhir`,
    token: origin + TOKEN_PATH,
    authorize: origin + AUTHORIZE_PATH,
  };
  if (rest === 'metadata') return fhir(200, capabilityStatement(state.flavour, endpoints, core.published));
  if (rest === '.well-known/smart-configuration') return json(smartConfiguration(endpoints));

  const refused = checkAccess(core, state, req.headers.authorization, fhirTarget(rest));
  if (refused) return refused;
  const strict = /handling\s*=\s*strict/i.test(String(req.headers.prefer ?? ''));
  return core.fhir.get(rest, url.searchParams, endpoints.fhirBase, strict);
}

/** Null when the request may go ahead, else the 401 or 403 that stops it. */
function checkAccess(core: SandboxCore, state: SandboxState, authorization: string | undefined, target: FhirTarget | null): SandboxResponse | null {
  if (!state.requireAuth) return null;
  if (state.authScheme === 'basic') {
    const basic = parseBasicAuth(authorization);
    if (basic && core.clients.hasSecret(basic.user, basic.password)) return null;
    return outcome(401, 'login', 'HTTP Basic credentials of a registered client are required.', {
      'www-authenticate': `Basic ${REALM}`,
    });
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const grant = bearer ? core.tokens.check(bearer) : undefined;
  if (!grant) {
    return outcome(401, 'login', bearer ? 'The access token is unknown or has expired.' : 'An access token is required.', {
      'www-authenticate': bearer ? `Bearer ${REALM}, error="invalid_token"` : `Bearer ${REALM}`,
    });
  }
  if (target && !allows(grant.scopes, target.type, target.interaction)) {
    return outcome(403, 'forbidden', `The token's scopes (${grant.scopes.join(' ')}) do not allow ${target.interaction} on ${target.type}.`, {
      'www-authenticate': `Bearer ${REALM}, error="insufficient_scope"`,
    });
  }
  return null;
}

/** The body as text, or null when it is larger than any token request needs to be. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

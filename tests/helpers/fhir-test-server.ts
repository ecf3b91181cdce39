/**
 * A small token endpoint and FHIR server on 127.0.0.1 for the EHR client's
 * tests. The token endpoint verifies what a real one would: private_key_jwt
 * assertions against the registered JWKS with jose (signature, iss = sub =
 * client id, aud, expiry, a lifetime of at most five minutes, a kid, a jti
 * never seen before), client secrets sent by HTTP basic or in the form, and
 * HTTP basic credentials on FHIR calls. Tests queue scripted answers to
 * provoke faults.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';

export type TestAuth = 'private_key_jwt' | 'client_secret_basic' | 'client_secret_post' | 'basic' | 'none';

export interface FhirTestServerOptions {
  auth: TestAuth;
  clientId?: string;
  /** The registered public keys, for private_key_jwt. */
  jwks?: JSONWebKeySet;
  clientSecret?: string;
  username?: string;
  password?: string;
  /** The `aud` the token endpoint insists on; its own URL by default. */
  audience?: string;
  tokenLifetimeS?: number;
  /** Which of the requested scopes to grant; all by default. */
  grant?: (requested: string[]) => string[];
  /** Serve /.well-known/smart-configuration (default true). */
  smartConfiguration?: boolean;
  tls?: { key: string; cert: string };
}

/** A canned answer, or a handler that answers (or deliberately never does). */
export type Scripted = { status: number; headers?: Record<string, string>; body?: unknown } | ((req: IncomingMessage, res: ServerResponse) => void);

export interface TokenRequestRecord {
  form: Record<string, string>;
  authorization?: string;
  /** 'issued', or why the request was refused. */
  outcome: string;
}

export interface FhirTestServer {
  origin: string;
  baseUrl: string;
  tokenUrl: string;
  tokenRequests: TokenRequestRecord[];
  /** Every access token issued, revoked or not. */
  tokensIssued: string[];
  fhirRequests: Array<{ method: string; url: string; authorization?: string }>;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Answers for the next FHIR resource calls (not metadata or smart-configuration), in order. */
  enqueue(...answers: Scripted[]): void;
  /** Answers for the next token requests, given after the request is recorded and checked. */
  enqueueToken(...answers: Scripted[]): void;
  /** Forget every issued token, as if they had all expired. */
  revokeTokens(): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': status < 300 ? 'application/fhir+json' : 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function basicCredentials(header: string | undefined): [string, string] | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? undefined : [text.slice(0, i), text.slice(i + 1)];
}

const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

function verdict(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'expired assertion';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `bad ${err.claim}`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'unknown key';
  return err instanceof Error ? err.message : String(err);
}

export async function startFhirTestServer(opts: FhirTestServerOptions): Promise<FhirTestServer> {
  const clientId = opts.clientId ?? 'vigil-test-client';
  const lifetime = opts.tokenLifetimeS ?? 300;
  const issued = new Set<string>();
  const tokensIssued: string[] = [];
  const seenJti = new Set<string>();
  const script: Scripted[] = [];
  const tokenScript: Scripted[] = [];
  const tokenRequests: TokenRequestRecord[] = [];
  const fhirRequests: FhirTestServer['fhirRequests'] = [];
  let connections = 0;
  let origin = '';
  const jwkSet = opts.jwks ? createLocalJWKSet(opts.jwks) : undefined;

  async function checkClient(form: Record<string, string>, authorization: string | undefined): Promise<string | undefined> {
    if (form.grant_type !== 'client_credentials') return 'unsupported grant_type';
    if (opts.auth === 'client_secret_basic') {
      const creds = basicCredentials(authorization);
      if (!creds) return 'no basic credentials';
      return formDecode(creds[0]) === clientId && formDecode(creds[1]) === opts.clientSecret ? undefined : 'bad client secret';
    }
    if (opts.auth === 'client_secret_post') {
      return form.client_id === clientId && form.client_secret === opts.clientSecret ? undefined : 'bad client secret';
    }
    if (opts.auth !== 'private_key_jwt' || !jwkSet) return 'token endpoint not enabled';
    if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return 'bad client_assertion_type';
    try {
      const { payload, protectedHeader } = await jwtVerify(form.client_assertion ?? '', jwkSet, {
        issuer: clientId,
        subject: clientId,
        audience: opts.audience ?? `${origin}/token`,
        algorithms: ['RS384', 'ES384'],
        requiredClaims: ['jti', 'exp'],
      });
      if (!protectedHeader.kid) return 'no kid';
      if (payload.exp! - (payload.iat ?? Math.floor(Date.now() / 1000)) > 300) return 'lifetime over 5 minutes';
      if (seenJti.has(payload.jti!)) return 'replayed jti';
      seenJti.add(payload.jti!);
      return undefined;
    } catch (err) {
      return verdict(err);
    }
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const authorization = req.headers.authorization;
    const refusal = await checkClient(form, authorization);
    const scripted = tokenScript.shift();
    tokenRequests.push({ form, authorization, outcome: scripted ? 'scripted' : (refusal ?? 'issued') });
    if (typeof scripted === 'function') return scripted(req, res);
    if (scripted) return json(res, scripted.status, scripted.body ?? '', scripted.headers);
    // Epic's shape for every client fault: the code and a null description.
    if (refusal) return json(res, 400, { error: 'invalid_client', error_description: null });
    const requested = (form.scope ?? '').split(' ').filter(Boolean);
    const access = randomBytes(24).toString('base64url');
    issued.add(access);
    tokensIssued.push(access);
    json(res, 200, { access_token: access, token_type: 'bearer', expires_in: lifetime, scope: (opts.grant ?? ((s) => s))(requested).join(' ') });
  }

  function authorised(req: IncomingMessage): boolean {
    const h = req.headers.authorization;
    if (opts.auth === 'none') return true;
    if (opts.auth === 'basic') {
      const creds = basicCredentials(h);
      return creds?.[0] === opts.username && creds?.[1] === opts.password;
    }
    return h?.startsWith('Bearer ') === true && issued.has(h.slice(7));
  }

  const capabilityStatement = () => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    kind: 'instance',
    fhirVersion: '4.0.1',
    software: { name: 'Vigil test server' },
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [
            {
              // Epic's order: valueUri before url.
              extension: [{ valueUri: `${origin}/token`, url: 'token' }],
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
            },
          ],
        },
      },
    ],
  });

  function fhir(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (path === '/.well-known/smart-configuration') {
      if (opts.smartConfiguration === false) return json(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
      return json(res, 200, {
        token_endpoint: `${origin}/token`,
        token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
        token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
        grant_types_supported: ['client_credentials'],
        capabilities: ['client-confidential-asymmetric', 'permission-v2'],
      });
    }
    if (path === '/metadata') return json(res, 200, capabilityStatement());
    const next = script.shift();
    if (typeof next === 'function') return next(req, res);
    if (next) return json(res, next.status, next.body ?? '', next.headers);
    if (!authorised(req)) {
      return json(res, 401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const url = new URL(path, origin);
    const read = /^\/([A-Za-z]+)\/([A-Za-z0-9\-.]+)$/.exec(url.pathname);
    if (read) return json(res, 200, { resourceType: read[1], id: read[2] });
    const search = /^\/([A-Za-z]+)$/.exec(url.pathname);
    if (search) {
      return json(res, 200, {
        resourceType: 'Bundle',
        type: 'searchset',
        total: 1,
        entry: [{ resource: { resourceType: search[1], id: 'example' } }],
      });
    }
    json(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url.startsWith('/fhir')) fhirRequests.push({ method: req.method ?? 'GET', url, authorization: req.headers.authorization });
    if (url === '/token' && req.method === 'POST') {
      token(req, res).catch(() => json(res, 500, { error: 'server_error' }));
    } else if (url === '/fhir' || url.startsWith('/fhir/') || url.startsWith('/fhir?')) {
      fhir(req, res, url.slice('/fhir'.length) || '/');
    } else {
      json(res, 404, { error: 'not_found' });
    }
  };

  const server: Server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createHttpServer(handler);
  server.on('connection', () => {
    connections += 1;
  });
  // The https server reports handshake failures here; they are expected in the TLS tests.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    origin,
    baseUrl: `${origin}/fhir`,
    tokenUrl: `${origin}/token`,
    tokenRequests,
    tokensIssued,
    fhirRequests,
    connections: () => connections,
    enqueue: (...answers) => {
      script.push(...answers);
    },
    enqueueToken: (...answers) => {
      tokenScript.push(...answers);
    },
    revokeTokens: () => issued.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

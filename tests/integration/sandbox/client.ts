/**
 * A deliberately plain HTTP client for the sandbox tests: one fresh connection
 * per request (no pool to hide a refused or reset connection), the raw body
 * kept as text, and the socket error's code surfaced as it is.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Sandbox } from '../../../src-main/sandbox/sandbox';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Byte counts of the body chunks as they arrived. */
  chunks: number[];
  json<T = Record<string, unknown>>(): T;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** CA to trust for https URLs; without it Node's default store is used. */
  ca?: string;
}

export function call(url: string, opts: CallOptions = {}): Promise<Reply> {
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(u, { method: opts.method ?? 'GET', headers: opts.headers, agent: false, ca: opts.ca }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          chunks: parts.map((p) => p.length),
          json: <T>() => JSON.parse(text) as T,
        });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The error code a request fails with, or "no error". */
export async function failureCode(url: string, opts?: CallOptions): Promise<string> {
  try {
    await call(url, opts);
    return 'no error';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export function postToken(tokenUrl: string, fields: Record<string, string>, headers: Record<string, string> = {}, ca?: string) {
  return call(tokenUrl, { method: 'POST', headers: { ...FORM, ...headers }, body: form(fields), ca });
}

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface KeyClient {
  clientId: string;
  kid: string;
  /** A signed client assertion; each call gets a fresh jti unless one is given. */
  assertion(claims?: { aud?: string; iss?: string; sub?: string; jti?: string; expInSeconds?: number; kid?: string; now?: number }): Promise<string>;
  /** Asks for a token with a fresh valid assertion and returns the reply. */
  token(extra?: Record<string, string>): Promise<Reply>;
}

let jtiCounter = 0;

/** Registers a SMART Backend Services client with a fresh key pair and its public JWKS. */
export async function registerKeyClient(sb: Sandbox, clientId = 'backend-app', alg: 'RS384' | 'ES384' = 'RS384'): Promise<KeyClient> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const kid = `${clientId}-key-1`;
  sb.registerClient({ clientId, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }] } });
  const assertion: KeyClient['assertion'] = (c = {}) => {
    const now = Math.floor((c.now ?? Date.now()) / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg, kid: c.kid ?? kid, typ: 'JWT' })
      .setIssuer(c.iss ?? clientId)
      .setSubject(c.sub ?? clientId)
      .setAudience(c.aud ?? sb.tokenEndpoint)
      .setIssuedAt(now)
      .setExpirationTime(now + (c.expInSeconds ?? 240))
      .setJti(c.jti ?? `jti-${process.pid}-${++jtiCounter}`)
      .sign(privateKey);
  };
  return {
    clientId,
    kid,
    assertion,
    token: async (extra = {}) =>
      postToken(sb.tokenEndpoint, {
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await assertion(),
        ...extra,
      }),
  };
}

/** A bearer token for the FHIR endpoints, from a secret client registered for the purpose. */
export async function accessToken(sb: Sandbox, scope?: string): Promise<string> {
  sb.registerClient({ clientId: 'test-reader', secret: 'reader-secret' });
  const reply = await postToken(
    sb.tokenEndpoint,
    { grant_type: 'client_credentials', ...(scope && { scope }) },
    { authorization: basic('test-reader', 'reader-secret') },
  );
  if (reply.status !== 200) throw new Error(`token request failed: ${reply.status} ${reply.text}`);
  return reply.json<{ access_token: string }>().access_token;
}

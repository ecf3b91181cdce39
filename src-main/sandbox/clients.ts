/**
 * Registered clients and how they prove who they are: a private_key_jwt
 * assertion checked against the client's JWKS (SMART Backend Services), or a
 * client secret (also what HTTP Basic mode accepts on the FHIR endpoints).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import type { Clock } from '../clock';

export type ClientRegistration = { clientId: string; jwks: JSONWebKeySet } | { clientId: string; secret: string };

/** SMART Backend Services: assertions are signed with one of these. */
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
/** SMART Backend Services: an assertion may live at most five minutes. */
const MAX_ASSERTION_LIFETIME_S = 300;

export class ClientAuthError extends Error {}

interface Client {
  keys?: JWTVerifyGetKey;
  secretDigest?: Buffer;
}

export class ClientRegistry {
  private readonly clients = new Map<string, Client>();
  /** jti → when its assertion expires; an expired assertion is refused anyway, so its jti can be forgotten then. */
  private readonly seenJti = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  register(reg: ClientRegistration): void {
    this.clients.set(
      reg.clientId,
      'jwks' in reg ? { keys: createLocalJWKSet(reg.jwks) } : { secretDigest: digest(reg.secret) },
    );
  }

  /** Returns the client id the assertion proves, or throws ClientAuthError saying why not. */
  async verifyAssertion(assertion: string, claimedClientId: string | undefined, tokenEndpoint: string): Promise<string> {
    let kid: string | undefined;
    let iss: string | undefined;
    try {
      kid = decodeProtectedHeader(assertion).kid;
      iss = decodeJwt(assertion).iss;
    } catch {
      throw new ClientAuthError('client_assertion is not a JWT');
    }
    const clientId = claimedClientId ?? iss;
    if (!clientId) throw new ClientAuthError('client_assertion has no iss');
    if (iss !== clientId) throw new ClientAuthError('client_assertion iss does not match client_id');
    const keys = this.clients.get(clientId)?.keys;
    if (!keys) throw new ClientAuthError(`no client "${clientId}" with a registered JWKS`);
    if (!kid) throw new ClientAuthError('client_assertion header has no kid');

    const now = this.clock.now();
    let exp: number;
    let jti: string;
    try {
      const { payload } = await jwtVerify(assertion, keys, {
        issuer: clientId,
        subject: clientId,
        audience: tokenEndpoint,
        algorithms: ASSERTION_ALGORITHMS,
        requiredClaims: ['exp', 'jti'],
        currentDate: new Date(now),
      });
      exp = payload.exp as number;
      jti = payload.jti as string;
    } catch (err) {
      throw new ClientAuthError(describe(err, kid));
    }
    if (exp - now / 1000 > MAX_ASSERTION_LIFETIME_S) {
      throw new ClientAuthError(`client_assertion exp is more than ${MAX_ASSERTION_LIFETIME_S} seconds ahead`);
    }
    this.forgetExpired(now);
    const key = `${clientId}\n${jti}`;
    if (this.seenJti.has(key)) throw new ClientAuthError('client_assertion jti has been used before');
    this.seenJti.set(key, exp * 1000);
    return clientId;
  }

  hasSecret(clientId: string, secret: string): boolean {
    const expected = this.clients.get(clientId)?.secretDigest;
    return expected !== undefined && timingSafeEqual(expected, digest(secret));
  }

  /** Returns the client id, or throws ClientAuthError. */
  verifySecret(clientId: string, secret: string): string {
    if (!this.hasSecret(clientId, secret)) throw new ClientAuthError('unknown client or wrong client secret');
    return clientId;
  }

  private forgetExpired(now: number): void {
    for (const [key, expiresAt] of this.seenJti) if (expiresAt <= now) this.seenJti.delete(key);
  }
}

/** The user and password of an HTTP Basic Authorization header, undecoded beyond base64. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Digests have equal lengths, which timingSafeEqual needs, whatever the secrets' lengths. */
function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function describe(err: unknown, kid: string): string {
  if (err instanceof errors.JWKSNoMatchingKey) return `no registered key has kid "${kid}"`;
  if (err instanceof errors.JWTExpired) return 'client_assertion has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `client_assertion claim "${err.claim}" is invalid: ${err.reason}`;
  if (err instanceof errors.JOSEAlgNotAllowed) return `client_assertion must be signed with ${ASSERTION_ALGORITHMS.join(' or ')}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'client_assertion signature does not verify';
  return err instanceof Error ? `client_assertion rejected: ${err.message}` : 'client_assertion rejected';
}

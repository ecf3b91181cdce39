/**
 * The private_key_jwt client assertion of SMART Backend Services
 * (https://hl7.org/fhir/smart-app-launch/STU2/client-confidential-asymmetric.html):
 * iss = sub = client_id, aud = the token endpoint, a fresh jti every time and
 * an expiry within five minutes.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './keys';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Four minutes: inside the five-minute ceiling of SMART and Epic, with a
 * minute's margin for a server clock that runs behind ours.
 */
export const ASSERTION_LIFETIME_S = 240;

export async function signClientAssertion(key: SigningKey, clientId: string, tokenEndpoint: string, nowMs: number): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenEndpoint)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_S)
    .sign(key.privateKey);
}

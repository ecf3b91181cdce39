/**
 * Signing keys for SMART Backend Services. A key arrives as a string (PKCS#8
 * PEM or a private JWK) from the keychain and leaves only as its public JWKS,
 * which the admin registers with the vendor. Error messages here never quote
 * the key material.
 */
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { SIGNING_ALGS, type SigningAlg } from '../../../src-shared/connection-config';
import { FhirError } from '../errors';

export interface SigningKey {
  alg: SigningAlg;
  kid: string;
  privateKey: KeyObject;
  /** The public half as a JWK with kid, alg and use. */
  publicJwk: JWK;
}

export interface GeneratedKey extends SigningKey {
  /** PKCS#8 PEM, for the caller to put in the keychain. */
  privateKeyPem: string;
}

const keyError = (why: string) => new FhirError('AUTH', `The stored private key could not be used: ${why}`);

function algFor(key: KeyObject): SigningAlg {
  if (key.asymmetricKeyType === 'rsa') {
    // Epic asks for at least 2048-bit RSA keys (fhir.epic.com, "Creating a Public Private Key Pair").
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw keyError('RSA keys must be at least 2048 bits');
    return 'RS384';
  }
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1') return 'ES384';
  throw keyError('use an RSA key (RS384) or an EC P-384 key (ES384)');
}

async function describe(privateKey: KeyObject, kid: string | undefined): Promise<SigningKey> {
  const alg = algFor(privateKey);
  const publicJwk = await exportJWK(createPublicKey(privateKey));
  const id = kid ?? (await calculateJwkThumbprint(publicJwk, 'sha256'));
  return { alg, kid: id, privateKey, publicJwk: { ...publicJwk, kid: id, alg, use: 'sig' } };
}

function parseJwk(text: string): JWK | undefined {
  try {
    const jwk = JSON.parse(text) as unknown;
    return typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk) ? (jwk as JWK) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a private key given as PEM (PKCS#8) or as a private JWK. The kid is,
 * in order: the one given, the JWK's own, the RFC 7638 thumbprint.
 */
export async function importSigningKey(material: string, opts: { kid?: string } = {}): Promise<SigningKey> {
  const text = material.trim();
  let key: KeyObject;
  let jwkKid: string | undefined;
  try {
    if (text.startsWith('{')) {
      const jwk = parseJwk(text);
      if (!jwk?.d) throw keyError('the JWK is not a private key');
      jwkKid = jwk.kid;
      key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } else {
      key = createPrivateKey({ key: text, format: 'pem' });
    }
  } catch (err) {
    if (err instanceof FhirError) throw err;
    throw keyError('it is neither a PKCS#8 PEM nor a private JWK');
  }
  return describe(key, opts.kid ?? jwkKid);
}

export async function generateSigningKey(alg: SigningAlg): Promise<GeneratedKey> {
  if (!SIGNING_ALGS.includes(alg)) throw keyError(`unsupported algorithm ${String(alg)}`);
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const privateKeyPem = await exportPKCS8(privateKey);
  return { ...(await describe(createPrivateKey(privateKeyPem), undefined)), privateKeyPem };
}

/** The JWKS to register with the vendor (public keys only). */
export function publicJwks(keys: SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((k) => k.publicJwk) };
}

/**
 * Private keys an admin imports or Vigil generates for SMART Backend
 * Services, checked before they reach the keychain, and the public JWKS that
 * goes with them. The kid is the one the FHIR client will sign with, so the
 * JWKS an admin registers always matches the assertions Vigil sends.
 */
import { FhirError } from '../ehr';
import { importSigningKey, publicJwks, type SigningKey } from '../ehr';
import { DispatchError } from '../dispatch';
import type { PublicJwks } from './connections-repo';

/** The key, or INVALID_INPUT on the secret's value saying why it cannot be used. */
export async function importKeyInput(material: string, kid: string | undefined): Promise<SigningKey> {
  try {
    return await importSigningKey(material, { kid });
  } catch (err) {
    if (!(err instanceof FhirError)) throw err;
    // keys.ts words its reasons for a key already stored ("The stored private key could not be used: …").
    const why = err.message.slice(err.message.indexOf(': ') + 2);
    const message = `This private key cannot be used: ${why}.`;
    throw new DispatchError('INVALID_INPUT', message, [{ path: ['secret', 'value'], message }]);
  }
}

/** The JWKS of a stored key; null when it no longer imports (diagnostics then report the AUTH failure). */
export async function jwksOfStoredKey(material: string, kid: string | undefined): Promise<PublicJwks | null> {
  try {
    return jwksOf(await importSigningKey(material, { kid }));
  } catch (err) {
    if (err instanceof FhirError) return null;
    throw err;
  }
}

export function jwksOf(key: SigningKey): PublicJwks {
  return publicJwks([key]) as PublicJwks;
}

/**
 * Pseudonymous patient references for the audit log and other records that
 * must say "the same patient" without naming one: HMAC-SHA256 of the patient
 * id under a per-installation salt kept in the keychain, so the refs cannot be
 * reversed by hashing candidate ids without that salt.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets';

export const SALT_ACCOUNT = 'phi-salt';
const SALT_HEX = /^[0-9a-f]{64}$/;

async function loadOrCreateSalt(secrets: SecretStore): Promise<Buffer> {
  const stored = await secrets.get(SALT_ACCOUNT);
  if (stored === null) {
    const salt = randomBytes(32);
    await secrets.set(SALT_ACCOUNT, salt.toString('hex'));
    return salt;
  }
  // A damaged salt is never replaced: new refs would silently stop matching old ones.
  if (!SALT_HEX.test(stored)) {
    throw new Error(
      `The PHI salt in the keychain (service "${secrets.service}", account "${SALT_ACCOUNT}") is malformed; ` +
        'restore it from a backup of the keychain, or delete it to start a new series of patient refs that will not match the old ones.',
    );
  }
  return Buffer.from(stored, 'hex');
}

/** Resolves to a function mapping a patient id to a stable ref like "pt_3f9a…" (20 hex digits). */
export async function createPatientRef(secrets: SecretStore): Promise<(patientId: string) => string> {
  const salt = await loadOrCreateSalt(secrets);
  return (patientId) => {
    if (!patientId) throw new TypeError('A patient ref needs a non-empty patient id');
    return 'pt_' + createHmac('sha256', salt).update(patientId, 'utf8').digest('hex').slice(0, 20);
  };
}

/**
 * createPatientRef on first use: a console nobody links or looks up a
 * patient on never creates the salt. A failed attempt (a locked keychain) is
 * tried again at the next call.
 */
export function lazyPatientRef(secrets: SecretStore): (patientId: string) => Promise<string> {
  let refs: Promise<(patientId: string) => string> | undefined;
  return async (patientId) => {
    refs ??= createPatientRef(secrets).catch((err: unknown) => {
      refs = undefined;
      throw err;
    });
    return (await refs)(patientId);
  };
}

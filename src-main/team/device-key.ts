/**
 * This workstation's Ed25519 device key, which signs its audit entries in
 * the shared database. The private key lives in the keychain only; the
 * public key is registered in PostgreSQL (vigil.devices) for verifiers.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { SecretStore } from '../secrets';

/** One keychain serves every data folder on the machine: the key's account names its workstation. */
export const deviceKeyAccount = (workstation: string) => `team-device-key-${workstation}`;

export interface DeviceKey {
  /** SPKI PEM, as registered. */
  publicKey: string;
  sign(message: string): string;
}

/** What an audit entry's signature covers: whose chain, where in it, and the hash that seals its content and everything before. */
export function signedText(workstation: string, seq: number, hash: string): string {
  return `vigil-audit:${workstation}:${seq}:${hash}`;
}

/** The keychain's key, or a new one saved there first. */
export async function loadDeviceKey(secrets: SecretStore, workstation: string): Promise<DeviceKey> {
  let pem = await secrets.get(deviceKeyAccount(workstation));
  if (!pem) {
    pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await secrets.set(deviceKeyAccount(workstation), pem);
  }
  const privateKey = createPrivateKey(pem);
  return {
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'),
  };
}

/** False for a signature that is not the key's over the message, or a key or signature that cannot be read. */
export function signatureHolds(publicKey: KeyObject | null, message: string, signature: string): boolean {
  if (!publicKey) return false;
  try {
    return verify(null, Buffer.from(message), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function readPublicKey(pem: string): KeyObject | null {
  try {
    return createPublicKey(pem);
  } catch {
    return null;
  }
}

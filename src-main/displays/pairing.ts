/**
 * The secrets of pairing: one-time codes people type, the display token
 * Vigil hands the wall, and how both (and the wall's own secret) are kept:
 * as SHA-256 hashes only. They are all random and long except the code,
 * which lives for minutes and whose attempts are throttled.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '../../src-shared/contract';

export function hashOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A code to read off one screen and type on another, e.g. K7QM4XPD (shown as K7QM-4XPD). */
export function newPairingCode(): string {
  return Array.from({ length: PAIRING_CODE_LENGTH }, () => PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)]).join('');
}

export function newDisplayToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The wall's secret against the hash kept at pairing, in constant time. */
export function secretMatches(secret: string, storedHash: string | null): boolean {
  if (storedHash === null) return false;
  const given = Buffer.from(hashOf(secret), 'hex');
  const kept = Buffer.from(storedHash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

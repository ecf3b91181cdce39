/**
 * The one-time setup code (as Jenkins' initial admin password): while no
 * account exists, creating the first administrator from anywhere but this
 * machine needs it, so whoever reaches a fresh host on the network first
 * cannot make themselves its administrator. It lives in memory only; the
 * console prints it at start (host/cli.ts) and a restart makes a new one.
 *
 * 20 characters of Crockford base32 (100 bits) in groups of five: readable off
 * a terminal and typed into a browser, with case, spaces and dashes ignored,
 * and I/L read as 1 and O as 0.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;

export function newSetupCode(): string {
  const bytes = randomBytes(LENGTH);
  // 256 is a multiple of 32, so taking each byte modulo 32 is unbiased.
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

function normalise(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** Compares without leaking, through timing, how much of the code was right. */
export function setupCodeMatches(expected: string, given: string): boolean {
  const digest = (code: string) => createHash('sha256').update(normalise(code)).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * Password hashing with scrypt and a per-user salt. The parameters travel with
 * each hash so they can be raised later without invalidating stored ones.
 *
 * At most SCRYPT_AT_ONCE hashes run at a time, process-wide. scrypt runs on
 * libuv's thread pool (4 threads), which file I/O and DNS lookups share: an
 * unbounded burst of sign-ins would take every thread and stall the monitor's
 * probes and the store's file work behind it. Two is what a 2-core
 * workstation computes at once anyway, so the cap costs no throughput and
 * leaves two pool threads free. `npm run bench -- signin` on 2 shared cores
 * (load ~6), 64 hashes at once: 7.7 hashes/s with 2 at a time, 6.3 with the
 * whole pool (4), 5.9 with 1; a small file read meanwhile waited at most
 * 0.14 s with 2 but 1.08 s with 4, a DNS lookup 0.13 s against 0.62 s.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Slots } from './slots';

// N=2^15, r=8 needs 32 MiB per hash and takes tens of milliseconds: slow
// enough to blunt offline guessing, fast enough for an interactive sign-in.
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
export const SCRYPT_AT_ONCE = 2;

const scryptSlots = new Slots(SCRYPT_AT_ONCE);

/** `urgent`: a caller at this machine, served before those from the network. */
export interface HashPriority {
  urgent: boolean;
}

function derive(password: string, salt: Buffer, params: ScryptOptions, priority: HashPriority): Promise<Buffer> {
  return scryptSlots.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: 128 * 1024 * 1024 }, (err, key) =>
          err ? reject(err) : resolve(key),
        );
      }),
    priority,
  );
}

export async function hashPassword(password: string, priority: HashPriority): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT_PARAMS, priority);
  return ['scrypt', SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string, priority: HashPriority): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, priority);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, checked against when the username does not
 * exist, so a failed sign-in takes as long whether or not the account exists.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'), { urgent: true });
  return decoy;
}

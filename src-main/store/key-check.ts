/**
 * vigil.db.keycheck: a fingerprint of the database key, kept next to the
 * database so that a file the key cannot decrypt can be told apart as "wrong
 * key" (fingerprint differs) or "damaged file" (fingerprint matches). It is an
 * HMAC of a fixed label under the key, so it reveals nothing about the key.
 *
 * It is advisory: the database itself is the authority on which key is right,
 * so a stale or missing sidecar never blocks a key that actually opens the file.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fsyncFile } from './files';

const LABEL = 'vigil-db-keycheck-v1';
const FINGERPRINT = /^[0-9a-f]{64}$/;

function fingerprint(key: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(LABEL).digest('hex');
}

/** The stored fingerprint, or null when the sidecar is missing or unreadable. */
function readFingerprint(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return FINGERPRINT.test(text) ? text : null;
  } catch {
    return null;
  }
}

export type KeyCheckVerdict = 'match' | 'mismatch' | 'absent';

export function checkKey(file: string, key: string): KeyCheckVerdict {
  const stored = readFingerprint(file);
  if (stored === null) return 'absent';
  return timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(fingerprint(key), 'hex')) ? 'match' : 'mismatch';
}

/** Replaces the sidecar atomically, so a crash leaves the old one or the new one. */
export function writeKeyCheck(file: string, key: string): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${fingerprint(key)}\n`, { mode: 0o600 });
  fsyncFile(temp);
  renameSync(temp, file);
}

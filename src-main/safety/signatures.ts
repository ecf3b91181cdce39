/**
 * Electronic signatures in the manner of 21 CFR Part 11: §11.50 (the signed
 * record shows the printed name, the date and time, and the meaning) and
 * §11.70 / §11.200 (the signature is bound to its record and made with a
 * password re-entered at signing). The binding: a sha256 over the incident's
 * id, the incident's content as signed (canonical JSON), the signer, the time
 * and the meaning. A signature row copied to another incident no longer
 * verifies, because the id it is checked with is that other incident's.
 */
import { createHash } from 'node:crypto';
import type { SignatureMeaning } from '../../src-shared/contract';

export interface SignatureFields {
  incidentId: string;
  /** The incident as signed, canonical JSON. */
  content: string;
  signer: string;
  signedAt: number;
  meaning: SignatureMeaning;
}

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function signatureHash(f: SignatureFields): string {
  // Length-prefixed fields: no two different field lists run together into the same bytes.
  const parts = [f.incidentId, f.content, f.signer, String(f.signedAt), f.meaning];
  const h = createHash('sha256');
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:${p}`);
  return h.digest('hex');
}

/** The stored hash against the one recomputed for the incident it is shown on. */
export function verifySignature(stored: SignatureFields & { hash: string }, onIncident: string): boolean {
  if (stored.incidentId !== onIncident) return false;
  let contentIncident: unknown;
  try {
    contentIncident = (JSON.parse(stored.content) as { id?: unknown }).id;
  } catch {
    return false;
  }
  return contentIncident === onIncident && signatureHash({ ...stored, incidentId: onIncident }) === stored.hash;
}

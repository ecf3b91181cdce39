/**
 * The bytes an audit entry's hash covers. The form is specified for third
 * parties in verify-jsonl.ts; the database walk, append and the JSONL verifier
 * all build it here so the three can never drift apart.
 */
import { hash } from 'node:crypto';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 (JCS) for the values JSON can carry: keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as ECMAScript's JSON.stringify
 * writes them. Written by hand because JSON.stringify with a key-sorting
 * replacer still lists integer-like keys ("2", "10") first in numeric order.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`audit detail cannot hold a ${typeof value}`);
  }
}

function canonicalArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    // As JSON.stringify: holes, undefined and functions become null inside arrays.
    out += `${i === 0 ? '' : ','}${isOmitted(v) ? 'null' : canonicalJson(v)}`;
  }
  return `${out}]`;
}

function canonicalObject(obj: Record<string, unknown>): string {
  let out = '{';
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (!isOmitted(v)) out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/**
 * The canonical entry: the JCS array [seq, timeMs, actor, action, target,
 * outcome, detail]. detailJson must already be canonicalJson(detail) (or null),
 * which is exactly what the detail column stores, so verifying a stored row
 * never re-parses its detail.
 */
export function canonicalEntry(
  seq: number,
  timeMs: number,
  actor: string,
  action: string,
  target: string | null,
  outcome: string,
  detailJson: string | null,
): string {
  return `[${seq},${timeMs},${JSON.stringify(actor)},${JSON.stringify(action)},${JSON.stringify(target)},${JSON.stringify(outcome)},${detailJson ?? 'null'}]`;
}

/** SHA-256, lower-case hex, of the UTF-8 bytes of prevHash followed by the canonical entry. */
export function entryHash(prevHash: string, canonical: string): string {
  return sha256Hex(prevHash + canonical);
}

/** The same hash as its 32 bytes, as the database stores it. */
export function entryDigest(prevHash: string, canonical: string): Buffer {
  return hash('sha256', prevHash + canonical, 'buffer');
}

/** One-shot hashing: no Hash object per call, which matters across a million rows. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * Seeded random JSON for fuzzing the contract. Objects draw their keys mostly
 * from the names the contract really uses, so many values get past the
 * outer shape checks and reach deeper validation and the handlers.
 */
import { CHANNELS } from '../../src-shared/contract';

export function prng(seed: number): () => number {
  // mulberry32: tiny, fast and good enough to spread test inputs.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function contractKeys(): string[] {
  const keys = new Set<string>();
  for (const def of Object.values(CHANNELS)) {
    const shape = (def.input as { shape?: Record<string, unknown> }).shape;
    if (shape) for (const k of Object.keys(shape)) keys.add(k);
  }
  return [...keys];
}

const STRINGS = ['', 'a', 'admin', 'operator', 'safety_officer', 'x'.repeat(300), '2026-01-01T00:00:00Z', 'not-a-date',
  '__proto__', 'constructor', '<script>alert(1)</script>', "'; DROP TABLE users; --", '\u0000', '😀', 'correct horse battery',
  'SSN 123-45-6789', 'NaN'];
const NUMBERS = [0, 1, -1, 2, 7, 1.5, 1e308, -1e308, 2 ** 53, Number.MAX_SAFE_INTEGER, 500, 501];

export function randomJson(rand: () => number, keys = contractKeys(), depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const r = rand();
  if (depth > 3 || r < 0.35) {
    const k = rand();
    if (k < 0.1) return null;
    if (k < 0.2) return rand() < 0.5;
    if (k < 0.5) return pick(NUMBERS);
    if (k < 0.6) return Math.floor(rand() * 1e6) - 5e5;
    if (k < 0.9) return pick(STRINGS);
    return Array.from({ length: Math.floor(rand() * 40) }, () => String.fromCharCode(32 + Math.floor(rand() * 95))).join('');
  }
  if (r < 0.45) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, keys, depth + 1));
  const out: Record<string, unknown> = {};
  const n = Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) out[rand() < 0.85 ? pick(keys) : pick(STRINGS)] = randomJson(rand, keys, depth + 1);
  return out;
}

/** The canonical form is a published format (verify-jsonl.ts): these pin it down. */
import { describe, expect, it } from 'vitest';
import { canonicalEntry, canonicalJson, entryHash, GENESIS_HASH } from '../../../src-main/audit/canonical';

describe('canonicalJson (RFC 8785)', () => {
  it.each<[string, unknown, string]>([
    ['sorts keys by UTF-16 code units, integer-like keys included', { b: 1, 10: 2, 9: 3, a: { z: 1, y: 2 } }, '{"10":2,"9":3,"a":{"y":2,"z":1},"b":1}'],
    ['sorts non-ASCII keys by code units', { é: 1, z: 2, '\u{1F600}': 3, '\uFB01': 4 }, '{"z":2,"é":1,"\u{1F600}":3,"\uFB01":4}'],
    ['drops undefined and function members, as JSON.stringify does', { a: undefined, f: () => 1, k: 1 }, '{"k":1}'],
    ['writes holes, undefined and functions in arrays as null', Object.assign([1], { 2: undefined, 3: () => 1, 4: 'x' }), '[1,null,null,null,"x"]'],
    ['writes numbers as ECMAScript does', [-0, 1e21, 1e-7, 0.1, 2 ** 53, Number.NaN, Infinity], '[0,1e+21,1e-7,0.1,9007199254740992,null,null]'],
    ['escapes strings as JSON.stringify does', ['"\\\n\u0001\u2028é\ud800'], '["\\"\\\\\\n\\u0001\u2028é\\ud800"]'],
    ['uses toJSON', { at: new Date(Date.UTC(2026, 0, 1)) }, '{"at":"2026-01-01T00:00:00.000Z"}'],
    ['keeps empty containers', { a: [], o: {} }, '{"a":[],"o":{}}'],
  ])('%s', (_name, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

it('hashes the worked example documented in verify-jsonl.ts', () => {
  const canonical = canonicalEntry(1, Date.UTC(2026, 0, 1), 'admin', 'session.login', null, 'ok', canonicalJson({ b: 2, a: [true, null] }));
  expect(canonical).toBe('[1,1767225600000,"admin","session.login",null,"ok",{"a":[true,null],"b":2}]');
  expect(entryHash(GENESIS_HASH, canonical)).toBe('4e4557ab6f717b3b70c9321af8c62181a0c74296d7d39b78c5410ac834d613b8');
});

/**
 * Re-verifies an exported audit trail without the database, as an auditor
 * would. Everything needed to reimplement this check elsewhere:
 *
 * 1. The export is UTF-8 JSON Lines, one entry per line, each line ending in
 *    "\n", in ascending seq order:
 *      {"seq","time","actor","action","target","outcome","detail","prevHash","hash"}
 *    seq is an integer and consecutive; time is ISO 8601 UTC with
 *    milliseconds; target is a string or null; detail is an object or null;
 *    prevHash and hash are 64 lower-case hex digits.
 * 2. canonical(entry) is the RFC 8785 (JSON Canonicalization Scheme) text of
 *    the array  [seq, timeMs, actor, action, target, outcome, detail]
 *    where timeMs is time as integer milliseconds since the Unix epoch. In
 *    short: no whitespace, object keys sorted by UTF-16 code units, numbers
 *    and strings as ECMAScript JSON.stringify writes them.
 * 3. hash = hex(SHA-256(UTF-8(prevHash + canonical(entry)))), the two strings
 *    simply concatenated.
 * 4. Each entry's prevHash equals the hash of the line before. The first
 *    line's prevHash is taken as given, since an export of a time range starts
 *    mid-chain; only an entry with seq 1 must have the genesis prevHash, 64 "0"s.
 * 5. The sha256 reported with the export is SHA-256 of the file's bytes, which
 *    shows the file is the one Vigil wrote; the chain shows the entries agree
 *    with each other.
 *
 * Worked example: the entry seq 1, time 2026-01-01T00:00:00.000Z, actor
 * "admin", action "session.login", target null, outcome "ok",
 * detail {"b":2,"a":[true,null]}, prevHash the genesis hash, has
 *   canonical = [1,1767225600000,"admin","session.login",null,"ok",{"a":[true,null],"b":2}]
 *   hash      = 4e4557ab6f717b3b70c9321af8c62181a0c74296d7d39b78c5410ac834d613b8
 * (check: printf '%s' "$(printf '0%.0s' {1..64})$canonical" | sha256sum).
 */
import type { AuditVerifyResult } from '../../src-shared/contract';
import { canonicalEntry, canonicalJson, GENESIS_HASH } from './canonical';
import { ChainWalker } from './chain';
import { exportLineSchema } from './rows';

export function verifyJsonl(text: string): AuditVerifyResult {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let walker: ChainWalker | null = null;
  for (let i = 0; i < lines.length; i++) {
    const entry = parseLine(lines[i] ?? '');
    if (!entry) {
      return {
        ok: false,
        checked: walker?.checked ?? 0,
        firstBadSeq: walker ? walker.lastSeq + 1 : null,
        reason: `line ${i + 1} is not an audit entry`,
      };
    }
    walker ??= new ChainWalker(entry.seq, entry.seq === 1 ? GENESIS_HASH : entry.prevHash);
    const canonical = canonicalEntry(
      entry.seq,
      Date.parse(entry.time),
      entry.actor,
      entry.action,
      entry.target,
      entry.outcome,
      entry.detail === null ? null : canonicalJson(entry.detail),
    );
    const broken = walker.step(entry.seq, entry.prevHash, entry.hash, canonical);
    if (broken) return walker.failed({ seq: broken.seq, reason: `line ${i + 1}: ${broken.reason}` });
  }
  return walker?.ok() ?? { ok: true, checked: 0, firstBadSeq: null, reason: null };
}

function parseLine(line: string) {
  try {
    const parsed = exportLineSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

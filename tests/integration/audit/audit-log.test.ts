import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntrySchema, CHANNELS } from '../../../src-shared/contract';
import { GENESIS_HASH } from '../../../src-main/audit/canonical';
import { verifyJsonl } from '../../../src-main/audit/verify-jsonl';
import { auditFixture, fill, sampleEntry, START, type AuditFixture } from './fixture';

const listInput = (q: Record<string, unknown> = {}) => CHANNELS['audit.list'].input.parse(q);

describe('AuditLog append and list', () => {
  let f: AuditFixture;
  beforeEach(async () => {
    f = await auditFixture();
  });
  afterEach(() => f.close());

  it('appends a chain starting from the genesis hash and lists it newest first', () => {
    const written = fill(f, 12);
    expect(written.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(written[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < written.length; i++) expect(written[i]?.prevHash).toBe(written[i - 1]?.hash);
    expect(written[0]?.time).toBe(START);
    for (const e of written) expect(auditEntrySchema.parse(e)).toEqual(e);

    const page = f.audit.list(listInput());
    expect(page.total).toBe(12);
    expect(page.nextBeforeSeq).toBeNull();
    expect(page.entries).toEqual([...written].reverse());
    expect(f.audit.count()).toBe(12);
    expect(f.audit.lastSeq()).toBe(12);
    expect(f.appended).toEqual(written.map((e) => e.seq));
  });

  it('pages with beforeSeq until nextBeforeSeq is null', () => {
    fill(f, 23);
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = f.audit.list(listInput(beforeSeq === undefined ? { limit: 5 } : { limit: 5, beforeSeq }));
      expect(page.total).toBe(23);
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
  });

  it('filters by actor, action and a half-open time range, alone and together', () => {
    const written = fill(f, 30);
    const expectMatch = (q: Record<string, unknown>, keep: (e: (typeof written)[number]) => boolean) => {
      const want = written.filter(keep).reverse();
      const page = f.audit.list(listInput({ ...q, limit: 500 }));
      expect(page.entries).toEqual(want);
      expect(page.total).toBe(want.length);
    };
    const iso = (i: number) => START + i * 1_000;
    expectMatch({ actor: 'olga.operator' }, (e) => e.actor === 'olga.operator');
    expectMatch({ action: 'users.create' }, (e) => e.action === 'users.create');
    expectMatch({ from: iso(10), to: iso(20) }, (e) => e.seq >= 11 && e.seq <= 20);
    expectMatch({ actor: 'admin', action: 'session.login', from: iso(5) }, (e) => e.actor === 'admin' && e.action === 'session.login' && e.seq > 5);
    expectMatch({ actor: 'nobody' }, () => false);

    const paged = f.audit.list(listInput({ actor: 'admin', limit: 2, beforeSeq: 20 }));
    expect(paged.entries.map((e) => e.seq)).toEqual([19, 16]);
    expect(paged.total).toBe(10);
    expect(paged.nextBeforeSeq).toBe(16);
  });

  it('stores target, outcome and detail as given, with detail keys in canonical order', () => {
    const e = f.audit.append({ actor: 'admin', action: 'users.update', target: 'user:7', outcome: 'CONFLICT', detail: { z: 1, a: { y: true, b: null } } });
    expect(e).toMatchObject({ target: 'user:7', outcome: 'CONFLICT', detail: { a: { b: null, y: true }, z: 1 } });
    const [raw, prevHash, hash] = f.db.prepare('SELECT detail, prev_hash, hash FROM audit_log WHERE seq = ?').raw().get(e.seq) as [string, Buffer, Buffer];
    expect(raw).toBe('{"a":{"b":null,"y":true},"z":1}');
    // Hashes are stored as their 32 bytes and shown as hex.
    expect([prevHash.length, hash.length]).toEqual([32, 32]);
    expect([prevHash.toString('hex'), hash.toString('hex')]).toEqual([e.prevHash, e.hash]);
    const bare = f.audit.append({ actor: 'system', action: 'startup', outcome: 'ok' });
    expect(bare).toMatchObject({ target: null, detail: null });
  });

  it('appendMany writes a batch in one transaction, all or nothing', async () => {
    fill(f, 2);
    expect(f.audit.appendMany(Array.from({ length: 1_000 }, (_, i) => sampleEntry(i)))).toBe(1_002);
    const page = f.audit.list(listInput({ limit: 500 }));
    expect(page.entries.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => 1_002 - i));
    expect(page.entries.at(-1)).toMatchObject({ seq: 503, ...sampleEntry(500), detail: sampleEntry(500).detail ?? null });
    expect(f.appended).toEqual([1, 2, 1_002]);
    expect(f.audit.appendMany([])).toBe(1_002);
    expect(f.appended).toEqual([1, 2, 1_002]);

    const bad = [sampleEntry(0), { ...sampleEntry(1), detail: { n: 1n } }];
    expect(() => f.audit.appendMany(bad)).toThrow(TypeError);
    expect(f.audit.count()).toBe(1_002);
    expect(f.audit.append(sampleEntry(0)).seq).toBe(1_003);
    expect(await f.audit.verify()).toEqual({ ok: true, checked: 1_003, firstBadSeq: null, reason: null });
  });

  it('continues the chain after a restart', async () => {
    const before = fill(f, 5);
    const again = f.reopen();
    expect(again.lastSeq()).toBe(5);
    const next = again.append(sampleEntry(5));
    expect(next).toMatchObject({ seq: 6, prevHash: before[4]?.hash });
    expect(await again.verify()).toMatchObject({ ok: true, checked: 6 });
  });

  it('re-reads the tip after writing inside a transaction that rolled back', async () => {
    fill(f, 3);
    const rollback = f.db.transaction(() => {
      f.audit.append(sampleEntry(3));
      throw new Error('caller gives up');
    });
    expect(rollback).toThrow('caller gives up');
    expect(f.audit.lastSeq()).toBe(3);
    expect(f.audit.append(sampleEntry(4)).seq).toBe(4);
    expect(await f.audit.verify()).toMatchObject({ ok: true, checked: 4 });
  });

  it('verifies entries whose text needs escaping, in the database and in an export', async () => {
    const odd = ['quote " backslash \\ slash /', 'controls \u0000\u0001\b\f\n\r\t\u001f\u007f', 'é ü 中文 😀 \u2028\u2029', 'lone \ud800 surrogate'];
    for (const text of odd) {
      f.audit.append({ actor: text, action: text, target: text, outcome: 'ok', detail: { [text]: text, nested: [text, { text }] } });
    }
    expect(await f.audit.verify()).toEqual({ ok: true, checked: odd.length, firstBadSeq: null, reason: null });
    expect(await f.reopen().verify()).toMatchObject({ ok: true });
    expect(verifyJsonl(f.audit.exportJsonl({}).lines)).toMatchObject({ ok: true, checked: odd.length });
    // SQLite cannot store a lone surrogate; the entry holds what was stored, and hashes that.
    expect(f.audit.list(listInput()).entries[0]?.actor).toBe('lone \ufffd surrogate');
  });

  it('records whole milliseconds, which is all an exported ISO time can carry', () => {
    f.clock.advance(0.75);
    const e = f.audit.append(sampleEntry(1));
    expect(e.time).toBe(START);
    expect(f.db.prepare('SELECT time FROM audit_log').pluck().get()).toBe(START);
    expect(verifyJsonl(f.audit.exportJsonl({}).lines)).toMatchObject({ ok: true, checked: 1 });
  });

  it('verifies an empty log', async () => {
    expect(await f.audit.verify()).toEqual({ ok: true, checked: 0, firstBadSeq: null, reason: null });
    expect(f.audit.list(listInput())).toEqual({ entries: [], total: 0, nextBeforeSeq: null });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    fill(f, 3);
    expect(() => f.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => f.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() => f.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(f.audit.count()).toBe(3);
    expect(await f.audit.verify()).toMatchObject({ ok: true, checked: 3 });
  });
});

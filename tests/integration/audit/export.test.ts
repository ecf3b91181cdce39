import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditModule, type AuditApi } from '../../../src-main/audit';
import { exportLineSchema } from '../../../src-main/audit/rows';
import { verifyJsonl } from '../../../src-main/audit/verify-jsonl';
import { LOCAL_SOURCE, type AuditNote, type HandlerContext } from '../../../src-main/dispatch/handler';
import { EventBus } from '../../../src-main/events';
import { createLogger } from '../../../src-main/log';
import type { ServiceModule } from '../../../src-main/service-module';
import { auditExportNotice, CHANNELS, type AuditEntry } from '../../../src-shared/contract';
import { secrets } from './audit-db';
import { auditFixture, fill, sampleEntry, START, type AuditFixture } from './fixture';

const N = 25;
const at = (i: number) => START + i * 1_000;
const parseLines = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
const toText = (entries: readonly unknown[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join('');

describe('audit export', () => {
  let f: AuditFixture;
  let written: AuditEntry[];
  beforeEach(async () => {
    f = await auditFixture();
    written = fill(f, N);
  });
  afterEach(() => f.close());

  it('exports every entry with its hashes as JSON Lines that re-verify without the database', () => {
    const out = f.audit.exportJsonl({});
    expect(out.entries).toBe(N);
    expect(out.lines.endsWith('\n')).toBe(true);
    expect(out.sha256).toBe(createHash('sha256').update(out.lines, 'utf8').digest('hex'));
    const lines = parseLines(out.lines);
    // The export writes times as ISO 8601 text for tools outside Vigil; the contract carries epoch ms.
    expect(lines).toEqual(written.map((e) => ({ ...e, time: new Date(e.time).toISOString() })));
    for (const l of lines) exportLineSchema.parse(l);
    expect(verifyJsonl(out.lines)).toEqual({ ok: true, checked: N, firstBadSeq: null, reason: null });
  });

  it('exports a time range as an unbroken piece of the chain that verifies from its first prevHash', () => {
    const out = f.audit.exportJsonl({ from: at(10), to: at(20) });
    expect(parseLines(out.lines).map((e) => e.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(verifyJsonl(out.lines)).toMatchObject({ ok: true, checked: 10 });
    expect(f.audit.exportJsonl({ from: at(N + 10) })).toMatchObject({ lines: '', entries: 0 });
    expect(verifyJsonl('')).toEqual({ ok: true, checked: 0, firstBadSeq: null, reason: null });
  });

  it('keeps a range export contiguous when the clock stepped back', () => {
    f.clock.set(START + 5_500);
    const late = f.audit.append(sampleEntry(99));
    f.clock.set(START + 30_000);
    const out = f.audit.exportJsonl({ from: at(3), to: at(8) });
    expect(parseLines(out.lines).map((e) => e.seq)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, late.seq]);
    expect(verifyJsonl(out.lines)).toMatchObject({ ok: true });
  });

  describe('verifyJsonl reports a tampered export', () => {
    const tampered: [string, (lines: AuditEntry[]) => unknown[], number, RegExp][] = [
      ['an edited actor', (l) => l.map((e) => (e.seq === 7 ? { ...e, actor: 'mallory' } : e)), 7, /edited/],
      ['an edited detail', (l) => l.map((e) => (e.seq === 8 ? { ...e, detail: { n: 0 } } : e)), 8, /edited/],
      ['an edited time', (l) => l.map((e) => (e.seq === 1 ? { ...e, time: new Date(at(-1)).toISOString() } : e)), 1, /edited/],
      ['an edited action in the last entry', (l) => l.map((e) => (e.seq === N ? { ...e, action: 'users.delete' } : e)), N, /edited/],
      ['a removed line', (l) => l.filter((e) => e.seq !== 12), 12, /missing/],
      ['two lines swapped', (l) => l.map((e, i) => (i === 3 ? l[4] : i === 4 ? l[3] : e)), 4, /missing/],
      ['a forged prevHash on the first entry', (l) => l.map((e) => (e.seq === 1 ? { ...e, prevHash: 'a'.repeat(64) } : e)), 1, /prev_hash/],
    ];
    it.each(tampered)('%s', (_name, change, seq, reason) => {
      const result = verifyJsonl(toText(change(parseLines(f.audit.exportJsonl({}).lines))));
      expect(result).toMatchObject({ ok: false, firstBadSeq: seq, checked: seq - 1 });
      expect(result.reason).toMatch(reason);
    });

    it('a line that is not an entry', () => {
      const lines = f.audit.exportJsonl({}).lines.split('\n');
      lines[5] = '{"seq": 6, "oops": true}';
      expect(verifyJsonl(lines.join('\n'))).toMatchObject({ ok: false, checked: 5, firstBadSeq: 6, reason: 'line 6 is not an audit entry' });
      expect(verifyJsonl('not json\n')).toMatchObject({ ok: false, checked: 0, firstBadSeq: null });
    });
  });
});

describe('audit handlers', () => {
  let f: AuditFixture;
  let module: ServiceModule<AuditApi>;
  beforeEach(async () => {
    f = await auditFixture();
    module = await createAuditModule({ store: f.store, secrets, clock: f.clock, log: createLogger({ sink: () => {} }), events: new EventBus(), dataDir: f.dir });
    for (let i = 0; i < 4; i++) {
      module.api.writer.record('vigil', { action: 'sample', target: `user:${i}` });
      f.clock.advance(1_000);
    }
  });
  afterEach(async () => {
    await module.close();
    await f.close();
  });

  const handler = <C extends keyof typeof CHANNELS>(channel: C) =>
    module.handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;

  function context(): HandlerContext & { notes: AuditNote[] } {
    const notes: AuditNote[] = [];
    return { caller: null, display: null, source: LOCAL_SOURCE, audit: (n) => notes.push(n), notes };
  }

  it('lists and verifies through the channel handlers, the verify in a worker thread', async () => {
    const page = await handler('audit.list')(CHANNELS['audit.list'].input.parse({ limit: 2 }), context());
    expect(CHANNELS['audit.list'].output.parse(page)).toMatchObject({ total: 4, nextBeforeSeq: 3 });
    expect(await handler('audit.verify')({}, context())).toEqual({ ok: true, checked: 4, firstBadSeq: null, reason: null });
  });

  it('saves the export as a private file in a private folder, returns it with the plaintext notice and notes its size and digest', async () => {
    const ctx = context();
    const out = CHANNELS['audit.export'].output.parse(await handler('audit.export')({}, ctx));
    const exportDir = join(f.dir, 'exports');
    expect(out.fileName).toBe(`vigil-audit-${new Date(f.clock.now()).toISOString().replace(/[:.]/g, '-')}.jsonl`);
    expect(out.fileName).toMatch(/^vigil-audit-[0-9TZ-]+\.jsonl$/);
    expect(out.savedTo).toBe(join(exportDir, out.fileName));
    expect(readFileSync(out.savedTo, 'utf8')).toBe(out.content);
    expect(statSync(out.savedTo).mode & 0o777).toBe(0o600);
    expect(statSync(exportDir).mode & 0o777).toBe(0o700);
    expect(out).toMatchObject({ entries: 4, sha256: createHash('sha256').update(out.content).digest('hex') });
    expect(out.notice).toBe(auditExportNotice(30));
    expect(out.notice).toMatch(/plain, unencrypted JSON Lines.*after 30 days/);
    expect(verifyJsonl(out.content)).toMatchObject({ ok: true, checked: 4 });
    expect(ctx.notes).toEqual([{ detail: { entries: 4, sha256: out.sha256 } }]);

    f.clock.advance(1);
    const ranged = (await handler('audit.export')({ from: START + 2_000 }, context())) as { entries: number; fileName: string };
    expect(ranged.entries).toBe(2);
    expect(ranged.fileName).not.toBe(out.fileName);
  });
});

/**
 * Verify walks the chain in a worker thread on a read-only connection of its
 * own: the main loop runs meanwhile (appends included), progress arrives as
 * it goes, and the verdict is the same as the walk on the main connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditModule } from '../../../src-main/audit';
import { StoredChain } from '../../../src-main/audit/verify-db';
import { walkInWorkers } from '../../../src-main/audit/verify-run';
import { LOCAL_SOURCE, type HandlerContext } from '../../../src-main/dispatch/handler';
import { EventBus, type PushedEvent } from '../../../src-main/events';
import { createLogger } from '../../../src-main/log';
import { secrets } from './audit-db';
import { auditFixture, sampleEntry, type AuditFixture } from './fixture';

const SIZE = 30_000;
let f: AuditFixture;

beforeAll(async () => {
  f = await auditFixture({ walk: 'worker' });
  for (let i = 0; i < SIZE; i += 1_000) f.audit.appendMany(Array.from({ length: 1_000 }, (_, j) => sampleEntry(i + j)));
  // Someone with the key, free to edit the table (the tests put back what they change).
  f.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
});
afterAll(() => f.close());

describe('verify in a worker thread', () => {
  it('leaves the main loop free while it walks, and reports its progress', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    f.progress.length = 0;
    try {
      expect(await f.audit.verify()).toEqual({ ok: true, checked: SIZE, firstBadSeq: null, reason: null });
    } finally {
      clearInterval(ticker);
    }
    // A walk on the main thread would have let no timer run until it was done.
    expect(ticks).toBeGreaterThan(0);
    // One report per full page of 8,192 entries.
    expect(f.progress.map(([checked]) => checked)).toEqual([8_192, 16_384, 24_576]);
    expect(f.progress.every(([checked, total]) => total >= checked && total >= SIZE)).toBe(true);
  });

  it('judges the end of its snapshot against the entries appended while it walked', async () => {
    const running = f.audit.verify();
    // A second caller shares the verify under way.
    expect(f.audit.verify()).toBe(running);
    for (let i = 0; i < 5; i++) {
      f.audit.appendMany(Array.from({ length: 20 }, (_, j) => sampleEntry(j)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await running;
    expect(result).toMatchObject({ ok: true, firstBadSeq: null });
    expect(result.checked).toBeGreaterThanOrEqual(SIZE);
    expect(result.checked).toBeLessThanOrEqual(SIZE + 100);
    expect(await f.audit.verify()).toMatchObject({ ok: true, checked: SIZE + 100 });
  });

  it('names an edited entry and one cut off the end, as the walk on the main connection does', async () => {
    const last = f.audit.lastSeq();
    f.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 20000").run();
    expect(await f.audit.verify()).toMatchObject({ ok: false, checked: 19_999, firstBadSeq: 20_000, reason: expect.stringMatching(/edited/) });
    f.db.prepare("UPDATE audit_log SET actor = ? WHERE seq = 20000").run(sampleEntry(19_999).actor);
    const row = f.db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(last) as Record<string, unknown>;
    f.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(last);
    expect(await f.audit.verify()).toMatchObject({ ok: false, firstBadSeq: last, reason: `entry ${last} is missing from the end of the log (deleted)` });
    f.db.prepare('INSERT INTO audit_log (seq, time, actor, action, target, outcome, detail, prev_hash, hash) VALUES (@seq, @time, @actor, @action, @target, @outcome, @detail, @prev_hash, @hash)').run(row);
    expect(await f.audit.verify()).toMatchObject({ ok: true });
  });

  it('walked in segments at once, gives the verdict of one walk from the first entry to the last', async () => {
    const last = f.audit.lastSeq();
    const inSegments = () => walkInWorkers((entry, data) => f.store.startReader(entry, data), last, () => {}, 3);
    const single = () => new StoredChain(f.db).walk();
    const clean = await inSegments();
    expect(clean).toEqual(single());
    expect(clean).toMatchObject({ checked: last, lastSeq: last, broken: null });

    const boundary = Math.ceil(last / 3);
    const undo: (() => void)[] = [];
    const tampers: [string, () => void][] = [
      ['an entry edited in the second segment', () => edit(boundary + 77, 'actor', "'mallory'")],
      ['the first entry of the third segment edited', () => edit(2 * boundary + 1, 'detail', `'{"n":0}'`)],
      ['the last entry of the first segment relinked', () => edit(boundary, 'prev_hash', 'randomblob(32)')],
      ['the first entry of the second segment deleted', () => remove(boundary + 1)],
      ['the last entry of the first segment deleted', () => remove(boundary)],
    ];
    function edit(seq: number, column: string, value: string): void {
      const before = f.db.prepare(`SELECT ${column} FROM audit_log WHERE seq = ?`).pluck().get(seq);
      f.db.prepare(`UPDATE audit_log SET ${column} = ${value} WHERE seq = ?`).run(seq);
      undo.push(() => f.db.prepare(`UPDATE audit_log SET ${column} = ? WHERE seq = ?`).run(before, seq));
    }
    function remove(seq: number): void {
      const row = f.db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Record<string, unknown>;
      f.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
      undo.push(() => f.db.prepare('INSERT INTO audit_log (seq, time, actor, action, target, outcome, detail, prev_hash, hash) VALUES (@seq, @time, @actor, @action, @target, @outcome, @detail, @prev_hash, @hash)').run(row));
    }
    for (const [name, tamper] of tampers) {
      tamper();
      try {
        const expected = single();
        expect(expected.broken, name).not.toBeNull();
        expect(await inSegments(), name).toEqual(expected);
      } finally {
        undo.splice(0).forEach((u) => u());
      }
    }
    expect(await inSegments()).toEqual(clean);
  });

  it('sends its progress to the audit readers as audit.verifyProgress, through the audit module', async () => {
    const events = new EventBus();
    const seen: PushedEvent[] = [];
    events.subscribe((e) => void seen.push(e));
    const module = await createAuditModule({ store: f.store, secrets, clock: f.clock, log: createLogger({ sink: () => {} }), events, dataDir: f.dir });
    try {
      const ctx: HandlerContext = { caller: null, display: null, source: LOCAL_SOURCE, audit: () => {} };
      const verify = module.handlers['audit.verify'] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      expect(await verify({}, ctx)).toMatchObject({ ok: true });
      const progress = seen.filter((e) => e.event === 'audit.verifyProgress').map((e) => e.payload);
      expect(progress).toEqual([8_192, 16_384, 24_576].map((checked) => ({ checked, total: f.audit.lastSeq() })));
    } finally {
      await module.close();
    }
  });
});

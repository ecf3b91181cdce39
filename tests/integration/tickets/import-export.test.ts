/**
 * Importing tickets with their history and exporting views, through the
 * real dispatcher: every row is checked first and each issue names its line
 * and column; nothing is imported unless every row is valid (or the valid
 * rows are asked for); a valid file round-trips through export; imported
 * history gives the clocks it had, without paging anyone; exports are
 * redacted unless an admin gives a reason.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import type { PushedEvent } from '../../../src-main/events';
import { manualTimers } from '../../../src-main/monitor/timers';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const NOW = Date.UTC(2026, 5, 1, 12);
let vigil: TestVigil;
let admin: string;
let tech: string;
const pushed: PushedEvent[] = [];

beforeAll(async () => {
  vigil = await startTestVigil({ clock: manualClock(NOW), tickets: { timers: manualTimers(NOW), timeZone: 'UTC' }, idleTimeoutMs: 24 * 3_600_000 });
  vigil.events.subscribe((m) => void pushed.push(m));
  admin = await vigil.adminToken();
  tech = await vigil.userToken('tess.tech', 'support_tech');
});

afterAll(async () => {
  await vigil?.close();
});

const HEADER = 'external_id,title,description,requester_name,requester_department,requester_contact,priority,category,emergency,status,status_history,assignee,tier,tags,created_at,created_by,first_response_at,resolved_at,closed_at,csat_score,csat_comment';

const VALID = [
  HEADER,
  'ZD-1,Results viewer slow,"Slow since Monday,\nworse in the mornings",Nurse Kim,Ward 3,pager 4471,High,Clinical,,closed,acknowledged@2026-05-04T09:10:00Z; in_progress@2026-05-04T09:30:00Z; resolved@2026-05-04T15:00:00Z; closed@2026-05-05T08:00:00Z,tess.tech,2,viewer; ward-3,2026-05-04T09:00:00Z,jane.d,,2026-05-04T15:00:00Z,2026-05-05T08:00:00Z,5,Fast and kind',
  'ZD-2,Token refresh fails,invalid_client from the token endpoint,Dr Ames,Cardiology,,critical,integration,,pending,acknowledged@2026-05-20T10:00:00+02:00; pending(vendor)@2026-05-20T10:30:00+02:00,,1,,2026-05-20T07:45:00Z,,2026-05-20T07:50:00Z,,,,',
  'ZD-3,"=HYPERLINK(""x"")",Printer,,,,low,technical,,new,,,1,,2026-05-26T12:00:00Z,,,,,,',
].join('\n');

describe('a file with errors', () => {
  const BAD = [
    HEADER,
    'B-1,Fine row,,,,,medium,technical,,,,,1,,2026-05-01T10:00:00Z,,,,,,',
    'B-2,Bad priority,,,,,urgent,technical,,,,,1,,2026-05-01T10:00:00Z,,,,,,',
    'B-3,Bad time,"two\nlines",,,,low,training,,,,,1,,yesterday,,,,,,',
    'B-4,Bad history,,,,,low,technical,,,resolved@2026-05-01T11:00:00Z; pending(vendor)@2026-05-01T12:00:00Z,,1,,2026-05-01T10:00:00Z,,,,,,',
    'B-5,CSAT while open,,,,,low,technical,,,,,1,,2026-05-01T10:00:00Z,,,,,4,',
    'B-1,Same id twice,,,,,low,technical,,,,,1,,2026-05-01T10:00:00Z,,,,,,',
    'B-7,Too few fields',
  ].join('\n');

  it('lists every issue by line and column and imports nothing', async () => {
    const before = await vigil.ok('tickets.count', { filter: { status: 'all' } }, admin);
    const result = await vigil.ok('tickets.import', { format: 'csv', content: BAD, mode: 'all' }, admin);
    expect(result).toMatchObject({ rows: 7, valid: 1, imported: 0, issueCount: 6, numbers: null });
    expect(result.issues.map((i) => [i.line, i.row, i.column])).toEqual([
      [3, 2, 'priority'],
      [4, 3, 'created_at'],
      [6, 4, 'status_history'],
      [7, 5, 'csat_score'],
      [8, 6, 'external_id'],
      [9, 7, null],
    ]);
    expect(result.issues[1]!.message).toMatch(/not a time/);
    expect(result.issues[2]!.message).toMatch(/Resolved ticket cannot go to Pending/);
    expect(result.issues[4]!.message).toBe('the same as row 1');
    expect((await vigil.ok('tickets.count', { filter: { status: 'all' } }, admin)).total).toBe(before.total);
  });

  it('imports the valid rows when asked to', async () => {
    const result = await vigil.ok('tickets.import', { format: 'csv', content: BAD, mode: 'valid' }, admin);
    expect(result).toMatchObject({ valid: 1, imported: 1 });
    const again = await vigil.ok('tickets.import', { format: 'csv', content: BAD, mode: 'check' }, admin);
    expect(again.issues[0]).toMatchObject({ line: 2, column: 'external_id', message: `already imported as VIG-${result.numbers!.first}` });
  });

  it('reports a file that is not CSV at all, where it breaks', async () => {
    const result = await vigil.ok('tickets.import', { format: 'csv', content: `${HEADER}\nX,"unclosed,,,\n`, mode: 'check' }, admin);
    expect(result).toMatchObject({ rows: 0, imported: 0, issueCount: 1, issues: [{ line: 2, column: null, message: expect.stringMatching(/not valid CSV.*Quote Not Closed/) }] });
  });

  it('names JSON fields in its issues', async () => {
    const content = JSON.stringify({ format: 'vigil.tickets.v1', tickets: [{ title: 'x', priority: 'high', category: 'nope', createdAt: '2026-05-01T10:00:00Z', statusHistory: [{ status: 'resolved', at: 'soon' }] }] });
    const result = await vigil.ok('tickets.import', { format: 'json', content, mode: 'all' }, admin);
    expect(result.issues.map((i) => [i.line, i.row, i.column])).toEqual([
      [null, 1, 'category'],
      [null, 1, 'statusHistory'],
    ]);
  });

  it('is for admins only', async () => {
    expect(await vigil.call('tickets.import', { format: 'csv', content: VALID }, tech)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('a valid file', () => {
  let fresh: TestVigil;
  let token: string;

  beforeAll(async () => {
    fresh = await startTestVigil({ clock: manualClock(NOW), tickets: { timers: manualTimers(NOW), timeZone: 'UTC' }, idleTimeoutMs: 24 * 3_600_000 });
    token = await fresh.adminToken();
    await fresh.userToken('tess.tech', 'support_tech');
  });

  afterAll(async () => {
    await fresh?.close();
  });

  // As the importer reads a cell: a formula defused with an apostrophe is the formula.
  const records = (csv: string) =>
    (parse(csv, { columns: true }) as Array<Record<string, string>>).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace(/^'(?=[=+\-@])/, '')])));
  const times = (r: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        k === 'status_history' ? v.split(/;\s*/).filter(Boolean).map((e) => e.replace(/@(.*)$/, (_m, t: string) => `@${Date.parse(t)}`)) : /_at$/.test(k) && v ? Date.parse(v) : v,
      ]),
    );

  it('round-trips through export: the same tickets with the same history come back', async () => {
    const imported = await fresh.ok('tickets.import', { format: 'csv', content: VALID, mode: 'all' }, token);
    expect(imported).toMatchObject({ rows: 3, valid: 3, imported: 3, issueCount: 0, numbers: { first: 1, last: 3 } });
    const exported = await fresh.ok('tickets.export', { filter: { status: 'all' }, sort: 'newest', reveal: { reason: 'Migrating to the new workstation' } }, token);
    expect(exported).toMatchObject({ rows: 3, redacted: false, truncated: false });
    // What the file left to Vigil comes back as Vigil says it: ids for labels, the default creator, and the
    // first response its history implies (ZD-1 left New at 09:10).
    const expected = records(VALID).map((r) => ({
      ...r,
      priority: r.priority!.toLowerCase(),
      category: r.category!.toLowerCase(),
      tags: r.tags!.replace(/;\s*/g, '; '),
      created_by: r.created_by || 'import',
      first_response_at: r.first_response_at || (r.external_id === 'ZD-1' ? '2026-05-04T09:10:00Z' : ''),
    }));
    expect(records(exported.content).reverse().map(times)).toEqual(expected.map(times));
    // The formula was written defused, and comes back as it was.
    expect(exported.content).toContain(`'=HYPERLINK`);
    const second = await fresh.ok('tickets.import', { format: 'csv', content: exported.content, mode: 'check' }, token);
    expect(second.issues.map((i) => i.message)).toEqual(['already imported as VIG-3', 'already imported as VIG-2', 'already imported as VIG-1']);
  });

  it('gives imported tickets the clocks their history had, and records the marks reached without paging anyone', async () => {
    const closed = (await fresh.ok('tickets.get', { number: 1 }, token)).ticket;
    // High: 2 h to first response and 8 h to resolve in business hours (08:00–18:00 UTC here).
    expect(closed.clocks.firstResponse).toMatchObject({ state: 'stopped', outcome: 'met', elapsedMs: 10 * 60_000 });
    expect(closed.clocks.resolution).toMatchObject({ state: 'stopped', outcome: 'met', elapsedMs: 6 * 3_600_000 });
    expect(closed).toMatchObject({ status: 'closed', origin: 'import', csat: { score: 5, comment: 'Fast and kind' }, assignee: 'tess.tech', tier: 2, tags: ['viewer', 'ward-3'] });
    const pending = await fresh.ok('tickets.get', { number: 2 }, token);
    expect(pending.ticket).toMatchObject({ status: 'pending', pendingReason: 'vendor', firstResponseAt: Date.parse('2026-05-20T07:50:00Z') });
    expect(pending.timeline.map((e) => e.type)).toEqual(['created', 'comment', 'status', 'status']);
    expect(pending.ticket.clocks.resolution).toMatchObject({ state: 'paused', elapsedMs: 45 * 60_000 });
    const old = await fresh.ok('tickets.get', { number: 3 }, token);
    const marks = old.timeline.filter((e) => e.type === 'sla');
    expect(marks.map((e) => [e.data.sla!.mark, e.data.sla!.level])).toEqual([
      ['at_risk', 0],
      ['breached', 0],
      ['at_risk', 0],
    ]);
    expect(pushed.filter((m) => m.event === 'ticket.slaBreached' || m.event === 'ticket.slaAtRisk')).toEqual([]);
  });

  it('takes JSON with the same history', async () => {
    const content = JSON.stringify({
      format: 'vigil.tickets.v1',
      tickets: [
        {
          externalId: 'J-1',
          title: 'Consent blocks chart',
          priority: 'Medium',
          category: 'Compliance & security',
          requester: { name: 'Dr Lee' },
          createdAt: Date.parse('2026-05-10T09:00:00Z'),
          statusHistory: [
            { status: 'in progress', at: '2026-05-10T09:05:00Z' },
            { status: 'resolved', at: '2026-05-10T10:00:00Z' },
          ],
          csat: { score: 3 },
        },
      ],
    });
    const result = await fresh.ok('tickets.import', { format: 'json', content, mode: 'all' }, token);
    expect(result).toMatchObject({ imported: 1, issueCount: 0 });
    const t = (await fresh.ok('tickets.get', { number: result.numbers!.first }, token)).ticket;
    expect(t).toMatchObject({ category: 'compliance_security', status: 'resolved', firstResponseAt: Date.parse('2026-05-10T09:05:00Z'), csat: { score: 3, comment: '' } });
  });
});

describe('export', () => {
  it('is redacted by default, in clear only for an admin with a reason, and audited', async () => {
    await vigil.ok('tickets.create', { title: 'Export me', description: 'Call back on 555-867-5309', requester: { contact: 'x4471' }, priority: 'low', category: 'technical' }, tech);
    const redacted = await vigil.ok('tickets.export', { filter: { status: 'open', text: 'export' } }, tech);
    expect(redacted).toMatchObject({ rows: 1, redacted: true });
    expect(redacted.content).toContain('Call back on [PHONE]');
    expect(redacted.content).toContain('[CONTACT]');
    expect(redacted.content).not.toContain('867-5309');
    expect(await vigil.call('tickets.export', { filter: { status: 'open', text: 'export' }, reveal: { reason: 'I would like to see it all' } }, tech)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const clear = await vigil.ok('tickets.export', { filter: { status: 'open', text: 'export' }, reveal: { reason: 'Handover to the privacy office' } }, admin);
    expect(clear.content).toContain('555-867-5309');
    const audit = await vigil.ok('audit.list', { action: 'tickets.export' }, admin);
    expect(audit.entries.map((e) => [e.actor, e.outcome, e.detail?.redacted, e.detail?.reason ?? null])).toEqual([
      ['admin', 'ok', false, 'Handover to the privacy office'],
      ['tess.tech', 'FORBIDDEN', undefined, null],
      ['tess.tech', 'ok', true, null],
    ]);
  });
});

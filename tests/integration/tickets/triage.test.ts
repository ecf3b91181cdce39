/**
 * Triage through the real dispatcher, store and keychain: opening tickets,
 * the queue in SLA order with filters, cursors and text search, the triage
 * actions and their refusals, who may do what, PHI redacted unless
 * revealed (audited), saved views, SLA policy versions, parallel creates
 * and claims, and an audit entry for every change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import type { PushedEvent } from '../../../src-main/events';
import { manualTimers } from '../../../src-main/monitor/timers';
import { SLA_TICK_MS } from '../../../src-main/tickets';
import type { ChannelInput } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const T0 = Date.UTC(2026, 2, 4, 15, 0);
const MIN = 60_000;
const clock = manualClock(T0);
const slaTimers = manualTimers(T0);

let vigil: TestVigil;
let admin: string;
let tech: string;
let tech2: string;
let operator: string;
let safety: string;
const pushed: PushedEvent[] = [];

beforeAll(async () => {
  // The clock stands still unless a test moves it, and the SLA scheduler ticks only when a test says so.
  vigil = await startTestVigil({ clock, tickets: { timers: slaTimers, timeZone: 'America/New_York' }, idleTimeoutMs: 24 * 60 * MIN });
  vigil.events.subscribe((m) => void pushed.push(m));
  admin = await vigil.adminToken();
  tech = await vigil.userToken('tess.tech', 'support_tech');
  tech2 = await vigil.userToken('tom.tech', 'support_tech');
  operator = await vigil.userToken('olga.ops', 'operator');
  safety = await vigil.userToken('sam.safety', 'safety_officer');
});

afterAll(async () => {
  await vigil?.close();
});

type NewTicket = ChannelInput<'tickets.create'>;
const open = async (t: Partial<NewTicket> = {}, token = tech) =>
  (await vigil.ok('tickets.create', { title: 'Lab results slow', priority: 'medium', category: 'technical', ...t }, token)).ticket;

describe('a ticket', () => {
  it('gets the next VIG number, the current SLA policy, running clocks and a created event saying what it was made with', async () => {
    const t = await open({ title: 'Results viewer hangs', priority: 'high', category: 'clinical', tags: ['viewer'] });
    expect(t).toMatchObject({ key: `VIG-${t.number}`, status: 'new', tier: 1, assignee: null, policyVersion: 1, origin: 'person', tags: ['viewer'] });
    expect(t.clocks.firstResponse).toMatchObject({ state: 'running', outcome: 'pending', targetMs: 120 * MIN, calendar: 'Business hours' });
    const detail = await vigil.ok('tickets.get', { id: t.id }, operator);
    expect(detail.timeline).toHaveLength(1);
    expect(detail.timeline[0]).toMatchObject({ type: 'created', actor: 'tess.tech', at: T0, data: { origin: 'person', policyVersion: 1, number: t.number } });
    expect(detail.timeline[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'title', before: null, after: 'Results viewer hangs' },
        { field: 'priority', before: null, after: 'high' },
        { field: 'status', before: null, after: 'new' },
      ]),
    );
    expect(detail.can).toEqual({ triage: true, comment: true, reveal: false, exportClear: false });
    expect((await vigil.ok('tickets.get', { number: t.number }, operator)).ticket.id).toBe(t.id);
    expect(pushed.some((m) => m.event === 'ticket.changed' && (m.payload as { ticketId: string }).ticketId === t.id)).toBe(true);
  });

  it('is an Emergency whenever it has an emergency category', async () => {
    const t = await open({ title: 'Allergies not shown', priority: 'low', category: 'clinical', emergency: 'patient_safety' });
    expect(t).toMatchObject({ priority: 'emergency', emergency: 'patient_safety' });
    expect(t.clocks.resolution).toMatchObject({ targetMs: 30 * MIN, calendar: null, dueAt: T0 + 30 * MIN });
    const lowered = await vigil.call('tickets.update', { id: t.id, changes: { priority: 'low' } }, tech);
    expect(lowered).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['changes', 'priority'] }] } });
  });

  it('is opened by triagers only', async () => {
    expect(await vigil.call('tickets.create', { title: 'x', priority: 'low', category: 'technical' }, safety)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('PHI', () => {
  const description = 'Patient MRN: 00123456 called from 555-867-5309, e-mail jo.doe@example.org, about her results.';

  it('is redacted in the ticket, its timeline and its comments, and the requester’s contact hidden', async () => {
    const t = await open({ description, requester: { name: 'Nurse Kim', department: 'Ward 3', contact: 'pager 4471' } });
    await vigil.ok('tickets.comment', { id: t.id, visibility: 'internal', body: 'Called back on 555-867-5309' }, tech);
    const detail = await vigil.ok('tickets.get', { id: t.id }, tech);
    const text = JSON.stringify(detail);
    for (const secret of ['00123456', '867-5309', 'jo.doe@example.org', 'pager 4471']) expect(text).not.toContain(secret);
    expect(detail).toMatchObject({ masked: true, ticket: { requester: { name: 'Nurse Kim', department: 'Ward 3', contact: '[CONTACT]' } } });
    expect(detail.ticket.description).toContain('[EMAIL]');
    expect(detail.comments[0]!.body).toBe('Called back on [PHONE]');
  });

  it('is revealed to a role with phi.view for a reason, and the reveal is audited', async () => {
    const t = await open({ description, requester: { name: 'Nurse Kim', department: 'Ward 3', contact: 'pager 4471' } });
    expect(await vigil.call('tickets.reveal', { id: t.id, reason: 'Calling the ward back about results' }, operator)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await vigil.call('tickets.reveal', { id: t.id, reason: 'short' }, tech)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const clear = await vigil.ok('tickets.reveal', { id: t.id, reason: 'Calling the ward back about results' }, tech);
    expect(clear).toMatchObject({ masked: false, ticket: { description, requester: { contact: 'pager 4471' } } });
    const audit = await vigil.ok('audit.list', { action: 'tickets.reveal' }, admin);
    expect(audit.entries[0]).toMatchObject({ actor: 'tess.tech', target: `ticket:${t.id}`, outcome: 'ok', detail: { reason: 'Calling the ward back about results' } });
  });

  it('is never matched by a search: only the redacted text is indexed', async () => {
    await open({ title: 'Dictation microphone crackles', description: 'Call 555-867-5309 for details' });
    const byWord = await vigil.ok('tickets.list', { filter: { status: 'open', text: 'microphone' } }, tech);
    expect(byWord.tickets.map((r) => r.title)).toEqual(['Dictation microphone crackles']);
    expect(await vigil.ok('tickets.count', { filter: { status: 'all', text: '867 5309' } }, tech)).toEqual({ total: 0, exact: true });
  });

  it('links a patient by a salted reference only, never the id', async () => {
    const t = await open();
    const linked = await vigil.ok('tickets.link', { id: t.id, link: { kind: 'patient', patientId: 'pat-000042' } }, tech);
    const ref = linked.ticket.links.find((l) => l.kind === 'patient')!.ref;
    expect(ref).toMatch(/^pt_[0-9a-f]{20}$/);
    const all = JSON.stringify([await vigil.ok('tickets.get', { id: t.id }, tech), await vigil.ok('audit.list', { action: 'tickets.link' }, admin)]);
    expect(all).not.toContain('pat-000042');
    const again = await vigil.ok('tickets.link', { id: t.id, link: { kind: 'patient', patientId: 'pat-000042' } }, tech);
    expect(again.ticket.links.filter((l) => l.kind === 'patient')).toHaveLength(1);
    const removed = await vigil.ok('tickets.link', { id: t.id, link: { kind: 'patientRef', patientRef: ref }, remove: true }, tech);
    expect(removed.ticket.links).toEqual([]);
  });
});

describe('the queue', () => {
  it('puts the next breach first, pages with a cursor, and counts what matches', async () => {
    const low = await open({ title: 'Queue: low', priority: 'low' });
    const emergency = await open({ title: 'Queue: emergency', priority: 'emergency', category: 'clinical' });
    const critical = await open({ title: 'Queue: critical', priority: 'critical' });
    const page1 = await vigil.ok('tickets.list', { filter: { status: 'open', text: 'queue' }, limit: 2 }, tech);
    expect(await vigil.ok('tickets.count', { filter: { status: 'open', text: 'queue' } }, tech)).toEqual({ total: 3, exact: true });
    expect(page1.tickets.map((t) => t.id)).toEqual([emergency.id, critical.id]);
    expect(page1.tickets[0]!.nextBreach).toEqual({ clock: 'firstResponse', dueAt: T0 + 15 * MIN, remainingMs: 15 * MIN, paused: false });
    const page2 = await vigil.ok('tickets.list', { filter: { status: 'open', text: 'queue' }, limit: 2, cursor: page1.nextCursor! }, tech);
    expect(page2.tickets.map((t) => t.id)).toEqual([low.id]);
    expect(page2.nextCursor).toBeNull();
    const wrong = await vigil.call('tickets.list', { filter: { status: 'open' }, sort: 'newest', cursor: page1.nextCursor! }, tech);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('finds whole words, stemmed, and by relevance puts the tickets with them in the title first', async () => {
    const inTitle = await open({ title: 'Label printers jam on ward 5' });
    const inText = await open({ title: 'Ward 6 supplies', description: 'The label printer jammed again' });
    const newest = await vigil.ok('tickets.list', { filter: { status: 'open', text: 'printer jam' }, sort: 'newest' }, tech);
    expect(newest.tickets.map((t) => t.id)).toEqual([inText.id, inTitle.id]);
    const relevant = await vigil.ok('tickets.list', { filter: { status: 'open', text: 'printer jam' }, sort: 'relevance' }, tech);
    expect(relevant.tickets.map((t) => t.id)).toEqual([inTitle.id, inText.id]);
    expect(await vigil.call('tickets.list', { filter: { status: 'open' }, sort: 'relevance' }, tech)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('filters by the built-in views: emergencies, unassigned, mine, pending, clinical', async () => {
    const mine = await open({ title: 'View: mine', assignee: 'me', priority: 'emergency', category: 'clinical' });
    const views = await vigil.ok('tickets.views.list', {}, tech);
    expect(views.views.filter((v) => v.builtIn).map((v) => v.id)).toEqual(['mine', 'unassigned', 'at_risk', 'breached', 'emergencies', 'pending', 'clinical']);
    const list = async (view: string, token = tech) => (await vigil.ok('tickets.list', { filter: views.views.find((v) => v.id === view)!.filter, limit: 500 }, token)).tickets;
    expect((await list('mine')).map((t) => t.id)).toEqual([mine.id]);
    expect(await list('mine', tech2)).toEqual([]);
    expect((await list('emergencies')).every((t) => t.priority === 'emergency')).toBe(true);
    expect((await list('unassigned')).some((t) => t.id === mine.id)).toBe(false);
    expect((await list('clinical')).every((t) => t.category === 'clinical')).toBe(true);
    await vigil.ok('tickets.setStatus', { id: mine.id, status: 'pending', pendingReason: 'vendor' }, tech);
    expect((await list('pending')).map((t) => t.id)).toEqual([mine.id]);
  });

  it('shows at risk and breached tickets as time passes, from the SLA tick on', async () => {
    const t = await open({ title: 'Clock: emergency', priority: 'emergency', category: 'clinical' });
    const ids = async (sla: 'at_risk' | 'breached') => (await vigil.ok('tickets.list', { filter: { status: 'open', sla }, limit: 500 }, tech)).tickets.map((r) => r.id);
    const tick = () => slaTimers.advance(SLA_TICK_MS);
    expect(await ids('at_risk')).not.toContain(t.id);
    clock.advance(12 * MIN);
    await tick();
    expect(await ids('at_risk')).toContain(t.id);
    clock.advance(4 * MIN);
    await tick();
    expect(await ids('breached')).toContain(t.id);
    expect(await ids('at_risk')).not.toContain(t.id);
    const row = (await vigil.ok('tickets.list', { filter: { status: 'open', sla: 'breached' }, limit: 500 }, tech)).tickets.find((r) => r.id === t.id)!;
    expect(row.clocks.firstResponse).toMatchObject({ outcome: 'breached', remainingMs: -MIN });
    clock.set(T0);
  });

  it('keeps saved views per person', async () => {
    const saved = await vigil.ok('tickets.views.save', { name: 'Tier 2 clinical', filter: { status: 'open', category: ['clinical'], tier: [2] } }, tech);
    expect((await vigil.ok('tickets.views.list', {}, tech)).views.map((v) => v.id)).toContain(saved.id);
    expect((await vigil.ok('tickets.views.list', {}, tech2)).views.map((v) => v.id)).not.toContain(saved.id);
    expect(await vigil.call('tickets.views.delete', { id: saved.id }, tech2)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await vigil.call('tickets.views.delete', { id: 'mine' }, tech)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await vigil.ok('tickets.views.delete', { id: saved.id }, tech);
  });
});

describe('triage actions', () => {
  it('assigns to me, to another triager, refuses someone who cannot take tickets, and a claim made meanwhile wins', async () => {
    const t = await open();
    expect((await vigil.ok('tickets.assign', { id: t.id, assignee: 'me', expected: null }, tech)).ticket.assignee).toBe('tess.tech');
    const late = await vigil.call('tickets.assign', { id: t.id, assignee: 'me', expected: null }, tech2);
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('assigned to tess.tech') } });
    expect(await vigil.call('tickets.assign', { id: t.id, assignee: 'sam.safety' }, tech)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await vigil.ok('tickets.assign', { id: t.id, assignee: 'olga.ops' }, tech)).ticket.assignee).toBe('olga.ops');
    const people = await vigil.ok('tickets.assignees', {}, safety);
    expect(people.people.map((p) => p.username).sort()).toEqual(['admin', 'olga.ops', 'tess.tech', 'tom.tech']);
  });

  it('moves along the workflow: pending needs a reason and pauses, resolve stops the clocks, CSAT once at resolution, reopen', async () => {
    const t = await open({ priority: 'critical' });
    expect(await vigil.call('tickets.setStatus', { id: t.id, status: 'pending' }, tech)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const acked = await vigil.ok('tickets.setStatus', { id: t.id, status: 'acknowledged' }, tech);
    expect(acked.ticket).toMatchObject({ firstResponseAt: T0, clocks: { firstResponse: { state: 'stopped', outcome: 'met' } } });
    const pending = await vigil.ok('tickets.setStatus', { id: t.id, status: 'pending', pendingReason: 'requester' }, tech);
    expect(pending.ticket).toMatchObject({ pendingReason: 'requester', clocks: { resolution: { state: 'paused', dueAt: null } }, nextBreach: { paused: true, dueAt: null } });
    expect(await vigil.call('tickets.csat', { id: t.id, score: 4 }, tech)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await vigil.call('tickets.setStatus', { id: t.id, status: 'closed' }, tech)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const resolved = await vigil.ok('tickets.setStatus', { id: t.id, status: 'resolved' }, tech);
    expect(resolved.ticket).toMatchObject({ resolvedAt: T0, pendingReason: null, clocks: { resolution: { state: 'stopped', outcome: 'met' } }, nextBreach: null });
    expect((await vigil.ok('tickets.csat', { id: t.id, score: 4, comment: 'Quick, thanks' }, tech)).ticket.csat).toEqual({ score: 4, comment: 'Quick, thanks', at: T0 });
    expect(await vigil.call('tickets.csat', { id: t.id, score: 5 }, tech)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const reopened = await vigil.ok('tickets.setStatus', { id: t.id, status: 'in_progress' }, tech);
    expect(reopened.ticket).toMatchObject({ status: 'in_progress', resolvedAt: null, clocks: { resolution: { state: 'running' } } });
    const timeline = (await vigil.ok('tickets.get', { id: t.id }, tech)).timeline;
    expect(timeline.map((e) => e.type)).toEqual(['created', 'status', 'status', 'status', 'csat', 'status']);
    expect(timeline[3]!.changes).toEqual([
      { field: 'status', before: 'pending', after: 'resolved' },
      { field: 'pendingReason', before: 'requester', after: null },
    ]);
  });

  it('escalates up the tiers to Tier 4 and no further', async () => {
    const t = await open();
    expect((await vigil.ok('tickets.escalate', { id: t.id, reason: 'Needs a FHIR specialist' }, tech)).ticket.tier).toBe(2);
    expect((await vigil.ok('tickets.escalate', { id: t.id, tier: 4 }, tech)).ticket.tier).toBe(4);
    expect(await vigil.call('tickets.escalate', { id: t.id }, tech)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const tiers = (await vigil.ok('tickets.get', { id: t.id }, tech)).timeline.filter((e) => e.type === 'tier');
    expect(tiers.map((e) => [e.changes[0], e.data.reason])).toEqual([
      [{ field: 'tier', before: 1, after: 2 }, 'Needs a FHIR specialist'],
      [{ field: 'tier', before: 2, after: 4 }, 'escalated'],
    ]);
  });

  it('lets safety officers comment on and follow clinical and patient-safety tickets only', async () => {
    const technical = await open();
    const clinical = await open({ category: 'clinical' });
    expect(await vigil.call('tickets.comment', { id: technical.id, visibility: 'internal', body: 'Looking' }, safety)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await vigil.call('tickets.follow', { id: technical.id, follow: true }, safety)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noted = await vigil.ok('tickets.comment', { id: clinical.id, visibility: 'internal', body: 'Reviewing for patient impact' }, safety);
    expect(noted.comment).toMatchObject({ author: 'sam.safety', visibility: 'internal', body: 'Reviewing for patient impact' });
    // An internal note is not a response to the requester.
    expect(noted.ticket.firstResponseAt).toBeNull();
    const followed = await vigil.ok('tickets.follow', { id: clinical.id, follow: true }, safety);
    expect(followed.ticket.followers).toEqual(['sam.safety']);
    const following = await vigil.ok('tickets.list', { filter: { status: 'open', followedBy: 'me' } }, safety);
    expect(following.tickets.map((t) => t.id)).toEqual([clinical.id]);
    const detail = await vigil.ok('tickets.get', { id: clinical.id }, safety);
    expect(detail.can).toEqual({ triage: false, comment: true, reveal: true, exportClear: false });
    expect(await vigil.call('tickets.setStatus', { id: clinical.id, status: 'resolved' }, safety)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('counts a reply to the requester as the first response', async () => {
    const t = await open();
    clock.advance(7 * MIN);
    const replied = await vigil.ok('tickets.comment', { id: t.id, visibility: 'public', body: 'We are on it' }, tech);
    expect(replied.ticket).toMatchObject({ firstResponseAt: T0 + 7 * MIN, status: 'new', clocks: { firstResponse: { state: 'stopped', elapsedMs: 7 * MIN } } });
    clock.set(T0);
  });

  it('refuses links to a connection or alert that does not exist', async () => {
    const t = await open();
    expect(await vigil.call('tickets.link', { id: t.id, link: { kind: 'connection', connectionId: 999 } }, tech)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await vigil.call('tickets.link', { id: t.id, link: { kind: 'alert', alertId: 'nope' } }, tech)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('audits every change with the ticket as its target', async () => {
    const t = await open();
    await vigil.ok('tickets.update', { id: t.id, changes: { title: 'Lab results very slow', tags: ['lab'] } }, tech);
    const entry = (await vigil.ok('audit.list', { action: 'tickets.update' }, admin)).entries[0]!;
    expect(entry).toMatchObject({ actor: 'tess.tech', target: `ticket:${t.id}`, outcome: 'ok', detail: { number: `VIG-${t.number}`, fields: ['title', 'tags'] } });
    for (const action of ['tickets.create', 'tickets.assign', 'tickets.setStatus', 'tickets.comment', 'tickets.escalate', 'tickets.csat', 'tickets.link', 'tickets.follow']) {
      expect((await vigil.ok('audit.list', { action }, admin)).total, action).toBeGreaterThan(0);
    }
  });
});

describe('decided in one transaction', () => {
  it('gives 20 parallel creates 20 distinct, consecutive numbers', async () => {
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => open({ title: `Parallel ${i}` }, i % 2 ? tech : tech2)));
    const numbers = made.map((t) => t.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19]! - numbers[0]!).toBe(19);
  });

  it('lets one of two parallel claims on a ticket win; the other is told who has it', async () => {
    const t = await open();
    const claims = await Promise.all([tech, tech2].map((token) => vigil.call('tickets.assign', { id: t.id, assignee: 'me', expected: null }, token)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.filter((c) => !c.ok)).toMatchObject([{ error: { code: 'CONFLICT' } }]);
    const events = (await vigil.ok('tickets.get', { id: t.id }, tech)).timeline.filter((e) => e.type === 'assigned');
    expect(events).toHaveLength(1);
  });
});

describe('SLA policies', () => {
  it('are saved by admins as new versions; open tickets keep the version they started under', async () => {
    const before = await open({ priority: 'emergency', category: 'clinical' });
    const current = await vigil.ok('sla.policies.get', {}, tech);
    expect(current.current).toBe(1);
    const policy = structuredClone(current.policy.policy);
    policy.priorities.emergency.resolutionMinutes = 45;
    expect(await vigil.call('sla.policies.save', { policy, baseVersion: 1 }, tech)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const saved = await vigil.ok('sla.policies.save', { policy, baseVersion: 1 }, admin);
    expect(saved).toMatchObject({ version: 2, createdBy: 'admin' });
    expect(await vigil.call('sla.policies.save', { policy, baseVersion: 1 }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const after = await open({ priority: 'emergency', category: 'clinical' });
    expect(after).toMatchObject({ policyVersion: 2, clocks: { resolution: { targetMs: 45 * MIN } } });
    expect((await vigil.ok('tickets.get', { id: before.id }, tech)).ticket).toMatchObject({ policyVersion: 1, clocks: { resolution: { targetMs: 30 * MIN } } });
    expect((await vigil.ok('sla.policies.get', { version: 1 }, tech)).policy.policy.priorities.emergency.resolutionMinutes).toBe(30);
    const bad = structuredClone(policy);
    bad.priorities.high.calendarId = 'missing';
    expect(await vigil.call('sla.policies.save', { policy: bad, baseVersion: 2 }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Two admins saving on top of the same version at once: one new version, one refusal.
    const both = await Promise.all([vigil.call('sla.policies.save', { policy, baseVersion: 2 }, admin), vigil.call('sla.policies.save', { policy, baseVersion: 2 }, admin)]);
    expect(both.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect((await vigil.ok('sla.policies.get', {}, tech)).versions.map((v) => v.version)).toEqual([3, 2, 1]);
  });
});

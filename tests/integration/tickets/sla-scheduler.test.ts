/**
 * The SLA scheduler in a real Vigil with its clock and timers moved by hand:
 * a medical emergency at risk, escalated at 15 minutes (up a tier, to the
 * channels that page) and breached, each mark once, notified to real
 * webhook receivers on 127.0.0.1 by severity and level, audited under
 * 'scheduler'; the same due times after a restart over the same file and no
 * mark raised twice; a laptop asleep through two marks; a pending ticket
 * whose clock does not run; the channels told of the end when it is
 * resolved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedEvent } from '../../../src-main/events';
import { manualTimers } from '../../../src-main/monitor/timers';
import type { VigilWebhookPayload } from '../../../src-main/notify/webhook';
import { SLA_TICK_MS } from '../../../src-main/tickets';
import { startHttpReceiver, type HttpReceiver } from '../notify/harness';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 4, 15, 0);
const timers = manualTimers(T0);

let vigil: TestVigil;
let receiver: HttpReceiver;
let admin: string;
let tech: string;
const pushed: PushedEvent[] = [];

async function start(v: TestVigil): Promise<void> {
  vigil = v;
  vigil.events.subscribe((m) => void pushed.push(m));
  admin = await vigil.adminToken();
  tech = await vigil.userToken('tess.tech', 'support_tech');
}

/** Moves the clock to T0 + minutes, every scheduler tick on the way firing at its own moment. */
async function at(minutes: number): Promise<void> {
  const target = T0 + minutes * MIN;
  await timers.advance(target - timers.now());
}

const slaEvents = (ticketId: string) =>
  pushed.filter((m) => (m.event === 'ticket.slaAtRisk' || m.event === 'ticket.slaBreached') && (m.payload as { ticketId: string }).ticketId === ticketId).map((m) => {
    const p = m.payload as { clock: string; mark?: string; severity: string };
    return [m.event, p.clock, p.mark ?? 'breached', p.severity];
  });

const hooks = (path: string) => receiver.received(path).map((r) => r.json as VigilWebhookPayload);

async function timeline(id: string) {
  return (await vigil.ok('tickets.get', { id }, tech)).timeline;
}

beforeAll(async () => {
  receiver = await startHttpReceiver();
  await start(await startTestVigil({ clock: timers, tickets: { timers, timeZone: 'America/New_York' }, idleTimeoutMs: 7 * 24 * 60 * MIN, sessionLifetimeMs: 7 * 24 * 60 * MIN }));
  // The pager hears SEV1 (Emergency) from the first notice; the managers' channel every priority, from escalations on.
  await vigil.ok('notify.channels.create', { settings: { kind: 'webhook', name: 'Pager', minSeverity: 'SEV1', fromLevel: 1 }, secret: receiver.url('/pager') }, admin);
  await vigil.ok('notify.channels.create', { settings: { kind: 'webhook', name: 'Managers', minSeverity: 'SEV3', fromLevel: 2 }, secret: receiver.url('/managers') }, admin);
});

afterAll(async () => {
  await vigil?.close();
  await receiver?.close();
});

describe('a medical emergency', () => {
  let id = '';

  it('gets at risk for its first response at 75 % of 15 minutes and pages once', async () => {
    id = (await vigil.ok('tickets.create', { title: 'Wrong patient shown in results', priority: 'emergency', category: 'clinical', emergency: 'patient_safety' }, tech)).ticket.id;
    await at(11);
    expect(slaEvents(id)).toEqual([]);
    await at(12);
    expect(slaEvents(id)).toEqual([['ticket.slaAtRisk', 'firstResponse', 'at_risk', 'SEV1']]);
    const [page] = await receiver.waitFor('/pager', 1);
    expect(page!.json).toMatchObject({ severity: 'SEV1', state: 'triggered', rule: 'ticket.sla.at_risk', escalationLevel: 1, connection: { id: `ticket:${id}`, name: 'VIG-1 (Emergency)' }, details: { clock: 'firstResponse', mark: 'at_risk' } });
    expect(receiver.received('/managers')).toEqual([]);
  });

  it('escalates at 15 minutes unresolved, breaches its first response, moves up a tier for each, and tells the pager and the managers', async () => {
    await at(15);
    expect(slaEvents(id).slice(1)).toEqual([
      ['ticket.slaBreached', 'firstResponse', 'breached', 'SEV1'],
      ['ticket.slaAtRisk', 'resolution', 'escalation', 'SEV1'],
    ]);
    const marks = (await timeline(id)).filter((e) => e.type === 'sla');
    expect(marks.map((e) => [e.actor, e.at, e.data.sla!.mark, e.changes])).toEqual([
      ['scheduler', T0 + 11.25 * MIN, 'at_risk', []],
      ['scheduler', T0 + 15 * MIN, 'breached', [{ field: 'tier', before: 1, after: 2 }]],
      ['scheduler', T0 + 15 * MIN, 'escalation', [{ field: 'tier', before: 2, after: 3 }]],
    ]);
    await receiver.waitFor('/pager', 3);
    await receiver.waitFor('/managers', 2);
    expect(hooks('/managers').map((h) => [h.rule, h.escalationLevel])).toEqual([
      ['ticket.sla.breached', 2],
      ['ticket.sla.escalation', 2],
    ]);
    const audit = await vigil.ok('audit.list', { actor: 'scheduler' }, admin);
    expect(audit.entries.map((e) => [e.action, e.target, e.detail?.mark])).toEqual([
      ['tickets.sla', `ticket:${id}`, 'escalation'],
      ['tickets.sla', `ticket:${id}`, 'breached'],
      ['tickets.sla', `ticket:${id}`, 'at_risk'],
    ]);
  });

  it('shows the same due times after a restart over the same file, and raises no mark twice', async () => {
    await vigil.ok('tickets.setStatus', { id, status: 'acknowledged' }, tech);
    await at(20);
    const before = (await vigil.ok('tickets.get', { id }, tech)).ticket.clocks;
    await start(await vigil.restart());
    const after = (await vigil.ok('tickets.get', { id }, tech)).ticket.clocks;
    expect(after).toEqual(before);
    expect(after.resolution).toMatchObject({ dueAt: T0 + 30 * MIN, riskAt: T0 + 22.5 * MIN, elapsedMs: 20 * MIN, state: 'running' });
    await at(21);
    expect((await timeline(id)).filter((e) => e.type === 'sla')).toHaveLength(3);
  });

  it('breaches at 30 minutes, once, after the restart', async () => {
    await at(31);
    await at(40);
    const marks = (await timeline(id)).filter((e) => e.type === 'sla').map((e) => [e.data.sla!.clock, e.data.sla!.mark]);
    expect(marks.slice(3)).toEqual([
      ['resolution', 'at_risk'],
      ['resolution', 'breached'],
    ]);
    const ticket = (await vigil.ok('tickets.get', { id }, tech)).ticket;
    expect(ticket).toMatchObject({ tier: 4, clocks: { resolution: { outcome: 'breached', remainingMs: -10 * MIN } } });
    await receiver.waitFor('/pager', 5);
    await receiver.waitFor('/managers', 3);
    expect(hooks('/pager').map((h) => h.rule)).toEqual(['ticket.sla.at_risk', 'ticket.sla.breached', 'ticket.sla.escalation', 'ticket.sla.at_risk', 'ticket.sla.breached']);
    expect(hooks('/managers').map((h) => h.rule)).toEqual(['ticket.sla.breached', 'ticket.sla.escalation', 'ticket.sla.breached']);
  });

  it('tells the channels told of it that it is resolved', async () => {
    await vigil.ok('tickets.setStatus', { id, status: 'resolved' }, tech);
    await receiver.waitFor('/pager', 6);
    await receiver.waitFor('/managers', 4);
    expect(hooks('/managers').at(-1)).toMatchObject({ state: 'resolved', rule: 'ticket.sla.resolved' });
    expect(hooks('/pager').at(-1)).toMatchObject({ state: 'resolved', rule: 'ticket.sla.resolved', dedupKey: `vigil/ticket/${id}/sla` });
    // Every notice about the ticket shares one key, so PagerDuty keeps one incident.
    expect(new Set(hooks('/pager').map((h) => h.dedupKey))).toEqual(new Set([`vigil/ticket/${id}/sla`]));
  });
});

describe('time that passes unseen', () => {
  it('records both marks of a Critical ticket once when the laptop wakes after sleeping through them', async () => {
    const start = timers.now();
    const id = (await vigil.ok('tickets.create', { title: 'Interface engine queue stuck', priority: 'critical', category: 'integration' }, tech)).ticket.id;
    await vigil.ok('tickets.setStatus', { id, status: 'acknowledged' }, tech);
    // Resolution: 4 h, at risk at 3 h. Asleep for 5 h: the tick that was due fires once, late.
    await timers.sleep(5 * 60 * MIN);
    await timers.advance(SLA_TICK_MS);
    const marks = (await timeline(id)).filter((e) => e.type === 'sla');
    expect(marks.map((e) => [e.data.sla!.mark, e.data.sla!.dueAt, e.changes])).toEqual([
      ['at_risk', start + 4 * 60 * MIN, []],
      ['breached', start + 4 * 60 * MIN, [{ field: 'tier', before: 1, after: 2 }]],
    ]);
    expect(slaEvents(id).map((e) => e[0])).toEqual(['ticket.slaAtRisk', 'ticket.slaBreached']);
    await timers.advance(10 * SLA_TICK_MS);
    expect((await timeline(id)).filter((e) => e.type === 'sla')).toHaveLength(2);
  });

  it('keeps a pending ticket’s clock still: nothing is raised while it waits, and the due time moves by the wait', async () => {
    const start = timers.now();
    const id = (await vigil.ok('tickets.create', { title: 'Waiting on the vendor', priority: 'critical', category: 'integration' }, tech)).ticket.id;
    await vigil.ok('tickets.setStatus', { id, status: 'acknowledged' }, tech);
    await timers.advance(60 * MIN);
    const paused = (await vigil.ok('tickets.setStatus', { id, status: 'pending', pendingReason: 'vendor' }, tech)).ticket;
    expect(paused.clocks.resolution).toMatchObject({ state: 'paused', dueAt: null, remainingMs: 3 * 60 * MIN });
    await timers.advance(6 * 60 * MIN);
    expect((await timeline(id)).filter((e) => e.type === 'sla')).toEqual([]);
    expect((await vigil.ok('tickets.get', { id }, tech)).ticket.nextBreach).toEqual({ clock: 'resolution', dueAt: null, remainingMs: 3 * 60 * MIN, paused: true });
    const resumed = (await vigil.ok('tickets.setStatus', { id, status: 'in_progress' }, tech)).ticket;
    expect(resumed.clocks.resolution).toMatchObject({ state: 'running', dueAt: start + (7 + 3) * 60 * MIN });
  });
});

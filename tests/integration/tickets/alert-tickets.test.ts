/**
 * Tickets from alerts, end to end in the main process: the embedded sandbox
 * EHR goes down, the real monitor's SEV1 alert opens one Emergency ticket
 * linked both ways; acknowledging the alert and its recovery show on the
 * ticket's timeline, and the recovery proposes resolving the ticket without
 * resolving it. Then the rules: severity to priority, clinical targets, the
 * least severity, off; one ticket per incident however many updates come.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import type { AlertView } from '../../../src-shared/monitoring';
import { DEFAULT_ALERT_TICKET_RULES } from '../../../src-shared/tickets';
import { nextEvent } from '../../helpers/next-event';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const SANDBOX = 'conn:1';
const FAST_PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 1, retryIntervalMs: 1_000 };
const WITHIN_MS = 2 * (FAST_PLAN.intervalMs * (FAST_PLAN.retries + 1) + FAST_PLAN.retryIntervalMs);

const next = <E extends EventName>(vigil: TestVigil, event: E, match: (payload: EventPayload<E>) => boolean) => nextEvent(vigil.events, event, match, WITHIN_MS);

describe('the sandbox goes down and comes back', () => {
  let vigil: TestVigil;
  let admin: string;
  let tech: string;

  beforeAll(async () => {
    vigil = await startTestVigil({ sandbox: true, monitor: { workstation: false, random: () => 0 } });
    admin = await vigil.adminToken();
    tech = await vigil.userToken('tess.tech', 'support_tech');
    await vigil.ok('monitor.configure', { targetId: SANDBOX, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, admin);
    const tile = (await vigil.ok('monitor.board', {}, admin)).tiles.find((t) => t.targetId === SANDBOX)!;
    if (tile.status.state !== 'UP') await next(vigil, 'monitor.status', (p) => p.status.targetId === SANDBOX && p.status.state === 'UP');
  });

  afterAll(async () => {
    await vigil?.close();
  });

  it('opens one Emergency ticket for the SEV1 alert, linked both ways, with its acknowledgement and recovery on the timeline and a proposal to resolve', async () => {
    const opened = next(vigil, 'alert.opened', (p) => p.alert.targetId === SANDBOX);
    const ticketChanged = next(vigil, 'ticket.changed', (p) => p.type === 'alert');
    await vigil.ok('sandbox.set', { faults: { down: true } }, admin);
    const { alert } = await opened;
    const { ticketId } = await ticketChanged;
    expect(alert.severity).toBe('SEV1');

    const found = await vigil.ok('tickets.list', { filter: { status: 'all', alertId: alert.id } }, tech);
    expect(found.tickets.map((t) => t.id)).toEqual([ticketId]);
    const detail = await vigil.ok('tickets.get', { id: ticketId! }, tech);
    expect(detail.ticket).toMatchObject({
      priority: 'emergency',
      emergency: 'system_downtime',
      category: 'integration',
      origin: 'alert',
      title: 'SEV1 Sandbox EHR: Connection down',
      links: [
        { kind: 'connection', ref: '1', label: 'Sandbox EHR' },
        { kind: 'alert', ref: alert.id, label: 'Connection down' },
      ],
      clocks: { resolution: { targetMs: 30 * 60_000 } },
    });
    expect(detail.timeline[0]).toMatchObject({ type: 'created', actor: 'vigil', data: { origin: 'alert' } });
    expect(detail.alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(detail.connection).toMatchObject({ id: 1, name: 'Sandbox EHR', state: 'DOWN' });
    expect(detail.suggestion.priority.value).toBe('emergency');
    const own = await vigil.ok('audit.list', { actor: 'vigil', action: 'tickets.create' }, admin);
    expect(own.entries[0]).toMatchObject({ target: `ticket:${ticketId}`, detail: { alertId: alert.id, severity: 'SEV1', priority: 'emergency' } });

    await vigil.ok('alerts.acknowledge', { alertId: alert.id }, admin);
    const recovered = next(vigil, 'ticket.changed', (p) => p.ticketId === ticketId && p.type === 'alert');
    await vigil.ok('sandbox.set', { faults: { down: false } }, admin);
    await next(vigil, 'alert.updated', (p) => p.alert.id === alert.id && p.alert.status === 'resolved');
    await recovered;

    const after = await vigil.ok('tickets.get', { id: ticketId! }, tech);
    const happened = after.timeline.filter((e) => e.type === 'alert').map((e) => [e.data.alert!.happened, e.data.alert!.by]);
    expect(happened).toEqual([
      ['opened', null],
      ['acknowledged', 'admin'],
      ['resolved', null],
    ]);
    expect(after.ticket).toMatchObject({ status: 'new', resolveProposal: alert.id, resolveProposed: true });
    expect(await vigil.ok('tickets.count', { filter: { status: 'all', alertId: alert.id } }, tech)).toEqual({ total: 1, exact: true });
    const second = await vigil.call('tickets.create', { title: 'Sandbox down again?', priority: 'high', category: 'integration', links: [{ kind: 'alert', alertId: alert.id }] }, tech);
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const resolved = await vigil.ok('tickets.setStatus', { id: ticketId!, status: 'resolved' }, tech);
    expect(resolved.ticket).toMatchObject({ resolveProposal: null, resolveProposed: false });
  });
});

describe('the alert-to-ticket rules', () => {
  let vigil: TestVigil;
  let admin: string;
  let tech: string;
  let n = 0;

  const alert = (severity: AlertView['severity'], targetId = 'conn:7', extra: Partial<AlertView> = {}): AlertView => ({
    id: `alert-${++n}`,
    dedupKey: `vigil/${targetId}/health`,
    targetId,
    rule: 'health',
    severity,
    grade: 2,
    peakGrade: 2,
    title: 'Connection down',
    detail: 'capability: 127.0.0.1 answered with a server error (503)',
    status: 'open',
    openedAt: Date.now(),
    updatedAt: Date.now(),
    acknowledged: null,
    resolved: null,
    escalation: { policy: { levels: [{ afterMs: 0 }], repeatEveryMs: null }, level: 1, notifiedAt: Date.now() },
    affected: [],
    flapping: false,
    cause: null,
    targetName: targetId === 'workstation' ? 'This workstation' : 'Epic Production',
    affectedNames: [],
    ...extra,
  });

  const ticketOf = async (alertId: string) => (await vigil.ok('tickets.list', { filter: { status: 'all', alertId } }, tech)).tickets;

  beforeAll(async () => {
    vigil = await startTestVigil();
    admin = await vigil.adminToken();
    tech = await vigil.userToken('tess.tech', 'support_tech');
  });

  afterAll(async () => {
    await vigil?.close();
  });

  it('map severity to priority: SEV1 is an Emergency on a clinical target, else Critical; SEV2 High; SEV3 Medium', async () => {
    expect(await vigil.ok('tickets.alertRules.get', {}, tech)).toEqual(DEFAULT_ALERT_TICKET_RULES);
    const cases: Array<[AlertView, string]> = [
      [alert('SEV1'), 'emergency'],
      [alert('SEV1', 'workstation'), 'critical'],
      [alert('SEV2'), 'high'],
      [alert('SEV3'), 'medium'],
    ];
    for (const [a] of cases) vigil.events.emit('alert.opened', { alert: a });
    for (const [a, priority] of cases) expect((await ticketOf(a.id)).map((t) => t.priority)).toEqual([priority]);
  });

  it('are changed by admins: listed clinical targets only, and a least severity', async () => {
    const rules = { ...DEFAULT_ALERT_TICKET_RULES, minSeverity: 'SEV2' as const, clinical: { allConnections: false, targets: ['conn:9'] } };
    expect(await vigil.call('tickets.alertRules.set', rules, tech)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await vigil.ok('tickets.alertRules.set', rules, admin);
    const [elsewhere, listed, mild] = [alert('SEV1', 'conn:7'), alert('SEV1', 'conn:9'), alert('SEV3', 'conn:9')];
    for (const a of [elsewhere, listed, mild]) vigil.events.emit('alert.opened', { alert: a });
    expect((await ticketOf(elsewhere.id)).map((t) => t.priority)).toEqual(['critical']);
    expect((await ticketOf(listed.id)).map((t) => t.priority)).toEqual(['emergency']);
    expect(await ticketOf(mild.id)).toEqual([]);
    // Worsening into the least severity opens it then.
    vigil.events.emit('alert.updated', { alert: { ...mild, severity: 'SEV2' } });
    expect((await ticketOf(mild.id)).map((t) => t.priority)).toEqual(['high']);
    await vigil.ok('tickets.alertRules.set', { ...rules, enabled: false }, admin);
    const off = alert('SEV1');
    vigil.events.emit('alert.opened', { alert: off });
    expect(await ticketOf(off.id)).toEqual([]);
    await vigil.ok('tickets.alertRules.set', DEFAULT_ALERT_TICKET_RULES, admin);
  });

  it('open one ticket per incident, whatever the reminders, and note each escalation and worsening once', async () => {
    const a = alert('SEV2');
    vigil.events.emit('alert.opened', { alert: a });
    for (let i = 0; i < 5; i++) vigil.events.emit('alert.updated', { alert: { ...a, escalation: { ...a.escalation, level: 2 } } });
    vigil.events.emit('alert.updated', { alert: { ...a, severity: 'SEV1', escalation: { ...a.escalation, level: 3 } } });
    const tickets = await ticketOf(a.id);
    expect(tickets).toHaveLength(1);
    const timeline = (await vigil.ok('tickets.get', { id: tickets[0]!.id }, tech)).timeline.filter((e) => e.type === 'alert');
    expect(timeline.map((e) => [e.data.alert!.happened, e.data.alert!.level])).toEqual([
      ['opened', 1],
      ['escalated', 2],
      ['worsened', 3],
      ['escalated', 3],
    ]);
  });

  it('propose nothing when an alert is merged into its parent’s', async () => {
    const a = alert('SEV1');
    vigil.events.emit('alert.opened', { alert: a });
    vigil.events.emit('alert.updated', { alert: { ...a, status: 'resolved', resolved: { at: Date.now(), by: null, reason: 'merged', mergedInto: 'parent' } } });
    const [t] = await ticketOf(a.id);
    expect(t).toMatchObject({ resolveProposed: false });
  });
});

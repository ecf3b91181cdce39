/**
 * A violation's life on a real Vigil: the embedded sandbox's AI service
 * scraped by the live monitor (real HTTP on 127.0.0.1), the sandbox's "AI
 * model drift" switch, the safety evaluation fired by hand, a real webhook
 * receiver on 127.0.0.1, and review and electronic sign-off over the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SafetyIncident } from '../../../src-shared/contract';
import { nextEvent } from '../../helpers/next-event';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { startHttpReceiver, type HttpReceiver } from '../notify/harness';
import { manualTimers } from './manual-timers';

const SANDBOX = 'conn:1';
const FAST_PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 0, retryIntervalMs: 1_000 };
const WITHIN_MS = 30_000;
const PASSWORD = 'correct horse battery';

let vigil: TestVigil;
let admin: string;
let officer: string;
let receiver: HttpReceiver;
const timers = manualTimers();

const incidents = async () => (await vigil.ok('safety.incidents.list', { filter: 'all' }, officer)).incidents;
const incidentOf = async (indicator: string): Promise<SafetyIncident | undefined> => (await incidents()).find((i) => i.indicator === indicator);
/** The next final run of the sandbox with the accuracy it scraped on the condition. */
const accuracyRun = (ok: (accuracy: number) => boolean) =>
  (async () => {
    for (let i = 0; i < WITHIN_MS / 500; i++) {
      const tile = (await vigil.ok('monitor.board', {}, admin)).tiles.find((t) => t.targetId === SANDBOX);
      const accuracy = tile?.metrics.model_accuracy_score;
      if (accuracy !== undefined && ok(accuracy)) return accuracy;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('The sandbox run never showed that accuracy');
  })();

beforeAll(async () => {
  receiver = await startHttpReceiver();
  vigil = await startTestVigil({ sandbox: true, monitor: { workstation: false, random: () => 0 }, safety: { timers } });
  admin = await vigil.adminToken();
  officer = await vigil.userToken('sofia', 'safety_officer');
  const detail = await vigil.ok('monitor.detail', { targetId: SANDBOX, range: '1h' }, admin);
  await vigil.ok('monitor.configure', { targetId: SANDBOX, settings: { ...detail.settings, plan: FAST_PLAN } }, admin);
  // The safety officers' route, and the NOC's hook beside it: safety incidents go to the first only.
  await vigil.ok('notify.channels.create', { settings: { kind: 'webhook', name: 'Safety pager', minSeverity: 'SEV2', safetyOfficers: true }, secret: receiver.url('/safety') }, admin);
  await vigil.ok('notify.channels.create', { settings: { kind: 'webhook', name: 'NOC hook', minSeverity: 'SEV2' }, secret: receiver.url('/noc') }, admin);
  await timers.verify();
});

afterAll(async () => {
  await vigil?.close();
  await receiver?.close();
});

describe('a safety violation from AI model drift to sign-off', () => {
  it('is safe before the drift', async () => {
    await accuracyRun((a) => a >= 0.92);
    timers.tick();
    const overview = await vigil.ok('safety.overview', {}, officer);
    expect(overview.indicators.find((i) => i.id === 'accuracy_trend')).toMatchObject({ level: 'ok' });
    expect(overview.score!.value).toBeGreaterThan(0.9);
    expect(await incidents()).toEqual([]);
  });

  it('critical accuracy opens one incident with an Emergency ticket, a SEV1 alert, a notification and the recommended action', async () => {
    await vigil.ok('sandbox.set', { faults: { modelDrift: true } }, admin);
    await accuracyRun((a) => a < 0.9);
    const alert = nextEvent(vigil.events, 'alert.opened', (p) => p.alert.targetId === 'safety', 5_000);
    timers.tick();
    expect((await alert).alert).toMatchObject({ severity: 'SEV1', targetName: 'Patient safety', rule: 'metric:accuracy_trend' });
    // Another tick in the same episode changes nothing.
    timers.tick();
    const all = await incidents();
    expect(all.filter((i) => i.indicator === 'accuracy_trend')).toHaveLength(1);
    const incident = all.find((i) => i.indicator === 'accuracy_trend')!;
    expect(incident).toMatchObject({ status: 'open', level: 'critical', action: { code: 'prepare_model_rollback' } });
    expect(incident.worstValue).toBeLessThan(0.9);

    const ticket = (await vigil.ok('tickets.get', { number: incident.ticket!.number }, admin)).ticket;
    expect(ticket).toMatchObject({ priority: 'emergency', category: 'clinical', emergency: 'patient_safety' });
    expect(ticket.links).toContainEqual(expect.objectContaining({ kind: 'alert', ref: incident.alertId }));
    // The safety alert leads to this ticket only: the alert-to-ticket rules open no second one.
    const byAlert = await vigil.ok('tickets.list', { filter: { status: 'all', alertId: incident.alertId! } }, admin);
    expect(byAlert.tickets.map((t) => t.number)).toEqual([incident.ticket!.number]);

    // The monitor's own metric alert reaches the same route; wait for the safety notice among them.
    const isSafety = (j: unknown) => (j as { rule?: string }).rule === 'safety.accuracy_trend';
    let received = await receiver.waitFor('/safety', 1);
    for (let n = 2; n <= 10 && !received.some((r) => isSafety(r.json)); n++) received = await receiver.waitFor('/safety', n);
    expect(received.map((r) => r.json)).toContainEqual(expect.objectContaining({ rule: 'safety.accuracy_trend', severity: 'SEV1', state: 'triggered' }));
    // The NOC hears the SEV1 alert, as every alert route does (whether it heard the incident is checked once
    // the sign-off has given any stray delivery time to land).
    expect((await receiver.waitFor('/noc', 1)).length).toBeGreaterThan(0);
  });

  it('refuses a signature with a wrong password, audits it, and keeps the session', async () => {
    const incident = (await incidentOf('accuracy_trend'))!;
    const reply = await vigil.call('safety.incidents.sign', { id: incident.id, meaning: 'reviewed', password: 'not my password' }, officer);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatchObject({ code: 'INVALID_INPUT', details: [{ path: ['password'] }] });
    expect((await vigil.call('session.whoami', {}, officer)).ok).toBe(true);
    const audit = await vigil.ok('audit.list', { action: 'safety.incidents.sign', limit: 10 }, officer);
    expect(audit.entries[0]).toMatchObject({ actor: 'sofia', outcome: 'INVALID_INPUT', target: `safety-incident:${incident.id}` });
    expect((await incidentOf('accuracy_trend'))!.signatures).toEqual([]);
  });

  it('signs with the password: printed name, time and meaning, audited and bound to the incident', async () => {
    const incident = (await incidentOf('accuracy_trend'))!;
    await vigil.ok('safety.incidents.acknowledge', { id: incident.id }, officer);
    await vigil.ok('safety.incidents.comment', { id: incident.id, text: 'Model rollback prepared with the AI team.' }, officer);
    const { signature } = await vigil.ok('safety.incidents.sign', { id: incident.id, meaning: 'reviewed', password: PASSWORD }, officer);
    expect(signature).toMatchObject({ signer: 'sofia', printedName: 'sofia', meaning: 'reviewed', verified: true });
    const audit = await vigil.ok('audit.list', { action: 'safety.incidents.sign', limit: 10 }, officer);
    expect(audit.entries[0]).toMatchObject({ actor: 'sofia', outcome: 'ok', target: `safety-incident:${incident.id}` });
    expect(audit.entries[0]!.detail).toMatchObject({ meaning: 'reviewed', hash: signature.hash });

    // The same signature row put on another incident does not verify there.
    const other = (await incidents()).find((i) => i.id !== incident.id);
    expect(other).toBeDefined();
    const row = vigil.store.db.prepare('SELECT * FROM safety_signatures WHERE id = ?').get(signature.id) as Record<string, unknown>;
    vigil.store.db
      .prepare('INSERT INTO safety_signatures (id, incident_id, signer, printed_name, meaning, signed_at, content, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('copied', other!.id, row.signer, row.printed_name, row.meaning, row.signed_at, row.content, row.hash);
    expect((await incidents()).find((i) => i.id === other!.id)!.signatures).toEqual([expect.objectContaining({ id: 'copied', verified: false })]);
    expect((await incidentOf('accuracy_trend'))!.signatures[0]!.verified).toBe(true);
  });

  it('closes itself when accuracy recovers, resolves its alert and stays for review', async () => {
    await vigil.ok('sandbox.set', { faults: { modelDrift: false } }, admin);
    await accuracyRun((a) => a >= 0.92);
    timers.tick();
    const incident = (await incidentOf('accuracy_trend'))!;
    expect(incident.status).toBe('recovered');
    expect(incident.closedAt).not.toBeNull();
    expect(incident.signatures).toHaveLength(1);
    const resolved = await vigil.ok('alerts.list', { status: 'resolved', limit: 100 }, admin);
    expect(resolved.alerts.find((a) => a.id === incident.alertId)).toMatchObject({ status: 'resolved', resolved: { reason: 'recovered' } });
    timers.tick();
    expect((await incidents()).filter((i) => i.indicator === 'accuracy_trend')).toHaveLength(1);
    // The incident went to the safety officers' route only: the NOC's hook, beside it at the same severities, never heard it.
    const rules = receiver.received('/noc').map((r) => (r.json as { rule?: string }).rule);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter((rule) => rule?.startsWith('safety.'))).toEqual([]);
  });
});

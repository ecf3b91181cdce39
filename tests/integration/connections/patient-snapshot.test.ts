/**
 * The patient snapshot against the embedded sandbox: masked unless a reason
 * is given, the reveal audited with the reason and a patient ref but never
 * the patient id, refused to roles without phi.view.
 */
import type { Observation, Patient } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

let vigil: TestVigil;
let admin: string;
let tech: string;
let operator: string;
let connectionId: number;
let patient: Patient;
let observationValues: number[];

const PASSWORD = 'a long enough password';
const REASON = 'Ticket 4411: lab results missing from the chart';

async function readOpenly<T>(baseUrl: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/${path}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  vigil = await startTestVigil({ sandbox: true });
  admin = await vigil.adminToken();
  for (const [username, role] of [['tess.tech', 'support_tech'], ['otto.operator', 'operator']] as const) {
    await vigil.ok('users.create', { username, displayName: username, role, password: PASSWORD }, admin);
  }
  tech = (await vigil.ok('session.login', { username: 'tess.tech', password: PASSWORD })).token;
  operator = (await vigil.ok('session.login', { username: 'otto.operator', password: PASSWORD })).token;
  connectionId = (await vigil.ok('connections.list', {}, admin)).connections[0]!.id;

  // What the EHR holds, read around Vigil with the sandbox opened up for a moment.
  const { baseUrl } = await vigil.ok('sandbox.set', { requireAuth: false }, admin);
  const bundle = await readOpenly<{ entry: Array<{ resource: Patient }> }>(baseUrl!, 'Patient?_count=1');
  patient = bundle.entry[0]!.resource;
  const obs = await readOpenly<{ entry: Array<{ resource: Observation }> }>(baseUrl!, `Observation?patient=${patient.id}&_sort=-date&_count=10`);
  observationValues = obs.entry.flatMap((e) => (e.resource.valueQuantity?.value === undefined ? [] : [e.resource.valueQuantity.value]));
  await vigil.ok('sandbox.set', { requireAuth: true }, admin);
});

afterAll(async () => {
  await vigil?.close();
});

function phiOf(p: Patient): string[] {
  const name = p.name![0]!;
  return [name.family!, ...name.given!, p.birthDate!, p.identifier![0]!.value!, p.telecom![0]!.value!, p.id!];
}

describe('ehr.patientSnapshot', () => {
  it('is masked by default: initials, birth year, identifier types, no values', async () => {
    const snap = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: patient.id! }, tech);
    expect(snap.masked).toBe(true);
    const name = patient.name![0]!;
    expect(snap.patient.name).toBe([...name.given!, name.family!].map((p) => `${p[0]}.`).join(' '));
    expect(snap.patient.birthDate).toBe(patient.birthDate!.slice(0, 4));
    expect(snap.patient.identifiers).toEqual(['[MRN]']);
    // Safe Harbor: no sex, and of every date only its year.
    expect(snap.patient.gender).toBeNull();
    expect(snap.observations.length).toBeGreaterThan(0);
    expect(snap.observations.length).toBeLessThanOrEqual(10);
    expect(snap.observations.every((o) => o.value === '[hidden]' && o.code && o.display && /^\d{4}$/.test(o.date ?? ''))).toBe(true);
    expect(snap.medicationRequests.every((m) => m.date === null || /^\d{4}$/.test(m.date))).toBe(true);
    expect(snap.medicationRequests.length).toBeGreaterThan(0);
    expect(snap.medicationRequests[0]).toMatchObject({ status: 'active' });
    expect(snap.patientRef).toMatch(/^pt_[0-9a-f]{20}$/);

    const text = JSON.stringify(snap);
    for (const phi of phiOf(patient)) expect(text.includes(phi), `the masked snapshot shows ${phi}`).toBe(false);
    for (const value of observationValues) expect(snap.observations.some((o) => o.value.includes(String(value)))).toBe(false);
  });

  it('is revealed with a reason, and the audit entry has the reason and the patient ref but not the patient id', async () => {
    const snap = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: patient.id!, reveal: { reason: REASON } }, tech);
    expect(snap.masked).toBe(false);
    const name = patient.name![0]!;
    expect(snap.patient.name).toBe([...name.given!, name.family!].join(' '));
    expect(snap.patient.birthDate).toBe(patient.birthDate);
    expect(snap.patient.gender).toBe(patient.gender);
    expect(snap.observations.some((o) => (o.date ?? '').length > 4)).toBe(true);
    expect(snap.patient.identifiers).toEqual([`MRN ${patient.identifier![0]!.value}`]);
    expect(snap.observations.some((o) => observationValues.some((v) => o.value.startsWith(String(v))))).toBe(true);

    const { entries } = await vigil.ok('audit.list', { action: 'ehr.patientSnapshot', limit: 1 }, admin);
    expect(entries[0]).toMatchObject({
      actor: 'tess.tech',
      target: `connection:${connectionId}`,
      outcome: 'ok',
      detail: { patientRef: snap.patientRef, breakGlass: true, reason: REASON },
    });
    expect(JSON.stringify(entries)).not.toContain(patient.id!);
  });

  it('a reason that quotes the patient id is audited with the ref in its place, and PHI patterns redacted', async () => {
    const reason = `Checking ${patient.id} for the caller at 555-867-5309`;
    const snap = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: patient.id!, reveal: { reason } }, tech);
    const { entries } = await vigil.ok('audit.list', { action: 'ehr.patientSnapshot', limit: 1 }, admin);
    expect(entries[0]!.detail).toMatchObject({ reason: `Checking ${snap.patientRef} for the caller at [PHONE]` });
    expect(JSON.stringify(entries)).not.toContain(patient.id!);
  });

  it('the same patient has the same ref, masked or not', async () => {
    const a = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: patient.id! }, admin);
    const b = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: patient.id!, reveal: { reason: REASON } }, admin);
    expect(a.patientRef).toBe(b.patientRef);
  });

  it('refuses a reason shorter than 10 characters', async () => {
    const reply = await vigil.call('ehr.patientSnapshot', { connectionId, patientId: patient.id!, reveal: { reason: 'because' } }, tech);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['reveal', 'reason'] }] } });
  });

  it('refuses a role without phi.view, and audits the refusal', async () => {
    const reply = await vigil.call('ehr.patientSnapshot', { connectionId, patientId: patient.id! }, operator);
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { entries } = await vigil.ok('audit.list', { action: 'ehr.patientSnapshot', limit: 1 }, admin);
    expect(entries[0]).toMatchObject({ actor: 'otto.operator', outcome: 'FORBIDDEN' });
  });

  it('an unknown patient is NOT_FOUND, an unknown connection too', async () => {
    const unknown = await vigil.call('ehr.patientSnapshot', { connectionId, patientId: 'no-such-patient' }, tech);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!unknown.ok && unknown.error.message).not.toContain('no-such-patient');
    const noConnection = await vigil.call('ehr.patientSnapshot', { connectionId: 999, patientId: patient.id! }, tech);
    expect(noConnection).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a connection failure is UNAVAILABLE with the guidance', async () => {
    await vigil.ok('sandbox.set', { faults: { down: true } }, admin);
    try {
      const reply = await vigil.call('ehr.patientSnapshot', { connectionId, patientId: patient.id! }, tech);
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: { kind: 'NETWORK', kbCode: 'network_unreachable' } } });
      expect(!reply.ok && reply.error.message).toMatch(/check the base URL/);
      expect(!reply.ok && reply.error.message).not.toContain(patient.id!);
    } finally {
      await vigil.ok('sandbox.set', { faults: { down: false } }, admin);
    }
  });
});

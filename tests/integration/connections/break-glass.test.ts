/**
 * A break-glass read (a patient revealed with a reason) is on the audit
 * trail before the EHR is asked for anything, and is refused, with no
 * request to the EHR and no PHI in the reply, when that entry cannot be
 * written. The EHR here is a small FHIR server of the test's own on
 * 127.0.0.1, which looks at the trail at the moment each request arrives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Patient } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAK_GLASS_ACTION } from '../../../src-main/connections/handlers';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { config } from './harness';

const PATIENT: Patient = {
  resourceType: 'Patient',
  id: 'p-4411',
  name: [{ use: 'official', family: 'Okonkwo', given: ['Adaeze'] }],
  birthDate: '1961-03-14',
  identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'MRN-88213' }],
};
const REASON = 'Ticket 4411: lab results missing from the chart';

let vigil: TestVigil;
let admin: string;
let tech: string;
let connectionId: number;
let ehr: Server;
/** Each request the EHR received, and how many break-glass entries the trail held when it arrived. */
const received: { path: string; breakGlassEntries: number }[] = [];

function breakGlassEntries(): number {
  return vigil.store.db.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(BREAK_GLASS_ACTION) as number;
}

const patientReads = () => received.filter((r) => r.path.startsWith(`/fhir/Patient/${PATIENT.id}`));

beforeAll(async () => {
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
  await vigil.ok('users.create', { username: 'tess.tech', displayName: 'Tess', role: 'support_tech', password: 'a long enough password' }, admin);
  tech = (await vigil.ok('session.login', { username: 'tess.tech', password: 'a long enough password' })).token;

  ehr = createServer((req, res) => {
    const path = req.url ?? '';
    received.push({ path, breakGlassEntries: breakGlassEntries() });
    const body = path.startsWith(`/fhir/Patient/${PATIENT.id}`)
      ? PATIENT
      : /^\/fhir\/(Observation|MedicationRequest)\?/.test(path)
        ? { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] }
        : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(body ?? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }));
  });
  await new Promise<void>((resolve) => ehr.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(ehr.address() as AddressInfo).port}/fhir`;
  connectionId = (await vigil.ok('connections.create', { config: config('Test EHR', baseUrl, { authMode: 'none' }) }, admin)).id;
});

afterAll(async () => {
  await vigil?.close();
  await new Promise((resolve) => ehr?.close(resolve));
});

describe('break-glass patient read', () => {
  it('is on the audit trail before the EHR is asked', async () => {
    const before = breakGlassEntries();
    const snap = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: PATIENT.id!, reveal: { reason: REASON } }, tech);
    expect(snap.masked).toBe(false);
    expect(snap.patient.name).toBe('Adaeze Okonkwo');

    const reads = patientReads();
    expect(reads).toHaveLength(1);
    expect(reads[0]!.breakGlassEntries).toBe(before + 1);

    const { entries } = await vigil.ok('audit.list', { limit: 2 }, admin);
    const [after, first] = entries;
    expect(first).toMatchObject({
      actor: 'tess.tech',
      action: BREAK_GLASS_ACTION,
      target: `connection:${connectionId}`,
      outcome: 'ok',
      detail: { patientRef: snap.patientRef, reason: REASON },
    });
    // The channel's own entry follows with the outcome of the read.
    expect(after).toMatchObject({ actor: 'tess.tech', action: 'ehr.patientSnapshot', outcome: 'ok', detail: { breakGlass: true, patientRef: snap.patientRef } });
    expect(JSON.stringify(entries)).not.toContain(PATIENT.id);
  });

  it('is refused, without asking the EHR, when its entry cannot be written', async () => {
    const readsBefore = patientReads().length;
    // A real failure of the store: the database refuses every audit entry.
    vigil.store.db.exec("CREATE TRIGGER test_audit_refused BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
    try {
      const reply = await vigil.call('ehr.patientSnapshot', { connectionId, patientId: PATIENT.id!, reveal: { reason: REASON } }, tech);
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('the disk is full') } });
      expect(!reply.ok && reply.error.message).toMatch(/not read/);
      for (const phi of ['Okonkwo', 'Adaeze', '1961-03-14', 'MRN-88213']) expect(JSON.stringify(reply)).not.toContain(phi);
      expect(patientReads()).toHaveLength(readsBefore);

      // A masked read shows no PHI, so it does not wait on the trail (its entry, written after, is lost and logged).
      const masked = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: PATIENT.id! }, tech);
      expect(masked).toMatchObject({ masked: true, patient: { name: 'A. O.' } });
      expect(vigil.logLines.some((l) => l.includes('audit append failed'))).toBe(true);
    } finally {
      vigil.store.db.exec('DROP TRIGGER test_audit_refused');
    }
    const again = await vigil.ok('ehr.patientSnapshot', { connectionId, patientId: PATIENT.id!, reveal: { reason: REASON } }, tech);
    expect(again.masked).toBe(false);
  });

});

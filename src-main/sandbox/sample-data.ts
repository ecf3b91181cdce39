/**
 * Sample patients and their recent chart: vital signs and labs over the last
 * few days, medication orders, and the audit trail of reads. Realistic in
 * shape and obviously fake in content (555-01xx numbers, example.org mail,
 * SBX medical record numbers), and the same for the same seed and time.
 */
import { faker } from '@faker-js/faker/locale/en_US';
import type {
  AuditEvent,
  CodeableConcept,
  MedicationRequest,
  Observation,
  Patient,
  Quantity,
  Resource,
} from '@medplum/fhirtypes';
import { BLOOD_PRESSURE, BODY_MEASURES, DRUGS, LABS, RXNORM, UCUM, VITAL_SIGNS, type Drug, type Measurement } from './clinical-codes';

export interface SampleDataOptions {
  patients: number;
  seed: number;
  /** The dates are "recent" relative to this. */
  now: number;
}

export const MRN_SYSTEM = 'urn:oid:2.16.840.1.113883.19.5.99999.1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VITALS_DAYS = 3;

const category = (code: string, display: string): CodeableConcept[] => [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code, display }] },
];
const VITAL_SIGNS_CATEGORY = category('vital-signs', 'Vital Signs');
const LABORATORY_CATEGORY = category('laboratory', 'Laboratory');

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export function generateSampleData(opts: SampleDataOptions): Resource[] {
  // faker's en_US instance is shared, so it is seeded here and used without an
  // await until the end: nothing else can draw from it in between.
  faker.seed(opts.seed);
  const out: Resource[] = [];
  for (let i = 0; i < opts.patients; i++) {
    const patient = samplePatient(opts.now);
    out.push(patient, ...chart(patient, opts.now));
  }
  return out;
}

function samplePatient(now: number): Patient {
  const sex = faker.person.sex() as 'female' | 'male';
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName();
  return {
    resourceType: 'Patient',
    id: faker.string.uuid(),
    meta: meta(now - faker.number.int({ min: 30, max: 900 }) * DAY),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] },
        system: MRN_SYSTEM,
        value: `SBX${faker.string.numeric(7)}`,
      },
    ],
    active: true,
    name: [{ use: 'official', family: lastName, given: [firstName, faker.person.middleName(sex)] }],
    telecom: [
      { system: 'phone', value: faker.helpers.replaceSymbols('(555) 555-01##'), use: faker.helpers.arrayElement(['home', 'mobile']) },
      { system: 'email', value: faker.internet.email({ firstName, lastName, provider: 'example.org' }).toLowerCase() },
    ],
    gender: sex,
    birthDate: faker.date.birthdate({ mode: 'age', min: 18, max: 92, refDate: now }).toISOString().slice(0, 10),
    address: [
      {
        use: 'home',
        line: [faker.location.streetAddress()],
        city: faker.location.city(),
        state: faker.location.state({ abbreviated: true }),
        postalCode: faker.location.zipCode('#####'),
        country: 'US',
      },
    ],
  };
}

function chart(patient: Patient, now: number): Resource[] {
  const subject = { reference: `Patient/${patient.id}` };
  const out: Resource[] = [];
  for (let day = 0; day < VITALS_DAYS; day++) {
    const at = now - day * DAY - faker.number.int({ min: 5 * 60_000, max: 10 * HOUR });
    for (const m of VITAL_SIGNS) out.push(observation(subject, m, at, VITAL_SIGNS_CATEGORY));
    out.push(bloodPressure(subject, at));
  }
  const admitted = now - VITALS_DAYS * DAY;
  for (const m of BODY_MEASURES) out.push(observation(subject, m, admitted, VITAL_SIGNS_CATEGORY));
  const drawn = now - faker.number.int({ min: 1, max: VITALS_DAYS * 24 - 1 }) * HOUR;
  for (const m of LABS) out.push(observation(subject, m, drawn, LABORATORY_CATEGORY));
  for (const drug of faker.helpers.arrayElements(DRUGS, { min: 1, max: 3 })) {
    out.push(medicationRequest(subject, drug, now - faker.number.int({ min: 1, max: 120 }) * DAY));
  }
  out.push(auditRead(patient, now - faker.number.int({ min: 1, max: VITALS_DAYS * 24 }) * HOUR));
  return out;
}

function observation(subject: { reference: string }, m: Measurement, at: number, cat: CodeableConcept[]): Observation {
  const value = draw(m);
  return {
    resourceType: 'Observation',
    id: faker.string.uuid(),
    meta: meta(at),
    status: 'final',
    category: cat,
    code: m.code,
    subject,
    effectiveDateTime: iso(at),
    valueQuantity: quantity(value, m.unit),
    ...(m.normal && {
      referenceRange: [{ low: quantity(m.normal[0], m.unit), high: quantity(m.normal[1], m.unit) }],
      interpretation: [interpret(value, m.normal)],
    }),
  };
}

function bloodPressure(subject: { reference: string }, at: number): Observation {
  const component = [BLOOD_PRESSURE.systolic, BLOOD_PRESSURE.diastolic].map((m) => ({
    code: m.code,
    valueQuantity: quantity(draw(m), m.unit),
  }));
  return {
    resourceType: 'Observation',
    id: faker.string.uuid(),
    meta: meta(at),
    status: 'final',
    category: VITAL_SIGNS_CATEGORY,
    code: BLOOD_PRESSURE.panel,
    subject,
    effectiveDateTime: iso(at),
    component,
  };
}

function medicationRequest(subject: { reference: string }, drug: Drug, at: number): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: faker.string.uuid(),
    meta: meta(at),
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: drug.rxnorm, display: drug.display }], text: drug.display },
    subject,
    authoredOn: iso(at),
    requester: { display: `Dr. ${faker.person.firstName()} ${faker.person.lastName()}` },
    dosageInstruction: [
      {
        text: drug.sig,
        timing: { repeat: { frequency: drug.perDay, period: 1, periodUnit: 'd' } },
        route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }] },
      },
    ],
  };
}

function auditRead(patient: Patient, at: number): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: faker.string.uuid(),
    meta: meta(at),
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' }],
    action: 'R',
    recorded: iso(at),
    outcome: '0',
    agent: [
      {
        who: { display: faker.helpers.arrayElement(['Sandbox nurse station', 'Sandbox pharmacy', 'Sandbox lab interface']) },
        requestor: true,
        network: { address: '127.0.0.1', type: '2' },
      },
    ],
    source: {
      observer: { display: 'Vigil sandbox EHR' },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: [
      {
        what: { reference: `Patient/${patient.id}` },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      },
    ],
  };
}

function draw(m: Measurement): number {
  return faker.number.float({ min: m.draw[0], max: m.draw[1], fractionDigits: m.decimals });
}

function quantity(value: number, unit: string): Quantity {
  return { value, unit, system: UCUM, code: unit };
}

function interpret(value: number, [low, high]: [number, number]): CodeableConcept {
  const [code, display] = value < low ? ['L', 'Low'] : value > high ? ['H', 'High'] : ['N', 'Normal'];
  return { coding: [{ system: INTERPRETATION, code, display }] };
}

function meta(at: number): Resource['meta'] {
  return { versionId: '1', lastUpdated: iso(at) };
}

const iso = (ms: number) => new Date(ms).toISOString();

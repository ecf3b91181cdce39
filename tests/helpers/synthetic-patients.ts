/**
 * Synthetic patients (@faker-js/faker, seeded: the same people every run)
 * and the ways their details turn up in operational text: a FHIR Patient
 * resource, the JSON an EHR quotes in an error, labelled prose.
 */
import { Faker, en } from '@faker-js/faker';
import type { Patient } from 'fhir/r4';

export interface SyntheticPatient {
  id: string;
  family: string;
  given: string;
  birthDate: string;
  compactBirthDate: string;
  mrn: string;
  ssn: string;
  phone: string;
  email: string;
  line: string;
  postalCode: string;
  account: string;
}

export function syntheticPatients(count: number, seed = 20_261_207): SyntheticPatient[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return Array.from({ length: count }, () => {
    const birth = faker.date.birthdate({ min: 1, max: 95, mode: 'age' });
    const birthDate = birth.toISOString().slice(0, 10);
    return {
      id: faker.string.alphanumeric({ length: 12, casing: 'lower' }),
      family: faker.person.lastName(),
      given: faker.person.firstName(),
      birthDate,
      compactBirthDate: birthDate.replaceAll('-', ''),
      mrn: faker.string.numeric({ length: 8, allowLeadingZeros: true }),
      ssn: `${faker.string.numeric({ length: 3, exclude: ['0', '9'] })}-${faker.string.numeric(2)}-${faker.string.numeric(4)}`,
      phone: `(${faker.number.int({ min: 201, max: 989 })}) ${faker.number.int({ min: 201, max: 989 })}-${faker.string.numeric(4)}`,
      email: faker.internet.email().toLowerCase(),
      line: faker.location.streetAddress(),
      postalCode: faker.location.zipCode('#####'),
      account: faker.string.numeric({ length: 10 }),
    };
  });
}

export function patientResource(p: SyntheticPatient): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ type: { coding: [{ code: 'MR' }] }, system: 'urn:oid:2.16.840.1.113883.19.5', value: p.mrn }],
    name: [{ use: 'official', family: p.family, given: [p.given] }],
    telecom: [
      { system: 'phone', value: p.phone },
      { system: 'email', value: p.email },
    ],
    gender: 'unknown',
    birthDate: p.birthDate,
    address: [{ line: [p.line], city: 'Springfield', postalCode: p.postalCode }],
  };
}

/** What an EHR's OperationOutcome says when it quotes the record it failed on: labelled prose and the resource as JSON. */
export function leakyDiagnostics(p: SyntheticPatient): string {
  return (
    `Could not load the record of patient ${p.mrn} (MRN: ${p.mrn}, DOB ${p.compactBirthDate}, SSN ${p.ssn}, phone: ${p.phone}, ` +
    `email ${p.email}, account number ${p.account}): ${JSON.stringify(patientResource(p))}`
  );
}

/** The values that identify the patient, each of which must never appear where PHI may not go. */
export function identifiers(p: SyntheticPatient): string[] {
  return [p.id, p.family, p.given, p.birthDate, p.compactBirthDate, p.mrn, p.ssn, p.phone, p.email, p.line, p.postalCode, p.account];
}

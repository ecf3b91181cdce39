/**
 * The redactor against a corpus of synthetic patients, in the shapes their
 * details take in operational text: labelled prose, compact dates, a bare
 * identifier after "patient", and the FHIR JSON an EHR quotes in an error.
 * A name in unlabelled prose is beyond any pattern; such server text is
 * kept from logs, audit, notifications and the board instead (see
 * tests/integration/phi/corpus.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { redact, redactDeep } from '../../../src-main/phi';
import { identifiers, patientResource, syntheticPatients } from '../../helpers/synthetic-patients';

const patients = syntheticPatients(200);

describe('the redactor over 200 synthetic patients', () => {
  it('leaves no identifier of a FHIR Patient quoted as JSON in text', () => {
    for (const p of patients) {
      const text = redact(`HTTP 500 from the EHR: ${JSON.stringify(patientResource(p))}`);
      const left = identifiers(p).filter((v) => v !== p.id && text.includes(v));
      expect(left, text).toEqual([]);
    }
  });

  it('leaves no identifier of a Patient resource as an object (audit details, log fields)', () => {
    for (const p of patients) {
      const text = JSON.stringify(redactDeep({ resource: patientResource(p) }));
      expect(identifiers(p).filter((v) => v !== p.id && text.includes(v)), text).toEqual([]);
    }
  });

  it('leaves no labelled identifier, compact date or bare identifier after a patient word in prose', () => {
    for (const p of patients) {
      const text = redact(
        `patient ${p.mrn} was not found; MRN ${p.mrn}; DOB ${p.compactBirthDate}; born ${p.birthDate}; SSN: ${p.ssn}; ` +
          `phone ${p.phone}; mail ${p.email}; account number ${p.account}; admitted ${p.compactBirthDate}`,
      );
      const left = [p.mrn, p.compactBirthDate, p.birthDate, p.ssn, p.phone, p.email, p.account].filter((v) => text.includes(v));
      expect(left, text).toEqual([]);
    }
  });

  it('keeps what operators need: times, versions, addresses, counts and ids', () => {
    const ops = 'Vigil 0.1.0 at 2026-12-07T08:00:00.000Z: 42 ms, 3 of 5 probes, 127.0.0.1:4870, run 0190f1b2-7c3a-7def-8abc-1234567890ab, HTTP 503, seq 1048576';
    expect(redact(ops)).toBe(ops);
  });
});

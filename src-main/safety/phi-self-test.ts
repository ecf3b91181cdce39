/**
 * The redaction self-test: a fixed synthetic corpus (no real person) in the
 * shapes PHI reaches Vigil in (labelled identifiers, phone numbers, e-mail,
 * FHIR references and JSON), each with the piece that must not survive
 * redaction. A leak is a case whose piece is still there afterwards.
 */
export interface SelfTestCase {
  text: string;
  /** What must be gone after redaction. */
  secret: string;
}

export const PHI_CORPUS: readonly SelfTestCase[] = [
  { text: 'Caller gave SSN 078-05-1120 for the account lookup', secret: '078-05-1120' },
  { text: 'MRN: A7781234 not found in the master index', secret: 'A7781234' },
  { text: 'patient 0012345 was discharged at 14:02', secret: '0012345' },
  { text: 'DOB 03/14/1961 did not match the record', secret: '03/14/1961' },
  { text: 'Reach the nurse at phone: (555) 201-7788 after rounds', secret: '201-7788' },
  { text: 'Results were sent to jane.roe@example.org yesterday', secret: 'jane.roe@example.org' },
  { text: 'GET /fhir/Patient/syn-44821/$everything returned 500', secret: 'syn-44821' },
  { text: 'search ?patient=syn-90017&category=vital-signs timed out', secret: 'syn-90017' },
  { text: '{"resourceType":"Patient","name":[{"family":"Roe","given":["Jane"]}]}', secret: 'Roe' },
  { text: 'Account #88120455 has an open balance', secret: '88120455' },
  { text: 'HL7 PID birth date 19610314 rejected', secret: '19610314' },
  { text: 'Call back on +1 415 555 0199 about the result', secret: '555 0199' },
];

export interface SelfTestResult {
  cases: number;
  /** The corpus texts whose secret survived, by index. */
  leaks: number[];
}

export function redactionSelfTest(redact: (text: string) => string, corpus: readonly SelfTestCase[] = PHI_CORPUS): SelfTestResult {
  const leaks = corpus.flatMap((c, i) => (redact(c.text).includes(c.secret) ? [i] : []));
  return { cases: corpus.length, leaks };
}

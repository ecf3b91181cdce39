import { describe, expect, it } from 'vitest';
import { redact, redactDeep } from '../../../src-main/phi/redact';

// [input, expected]
const redacted: ReadonlyArray<readonly [string, string]> = [
  // SSN
  ['SSN 123-45-6789 on file', 'SSN [SSN] on file'],
  ['ssn=123 45 6789', 'ssn=[SSN]'],
  ['id 078-05-1120.', 'id [SSN].'],
  ['SSN: 123456789', 'SSN: [SSN]'],
  ['social security number is 123456789', 'social security number is [SSN]'],
  ['{"ssn":"123456789"}', '{"ssn":"[SSN]"}'],
  // phone, North American
  ['call 555-123-4567 now', 'call [PHONE] now'],
  ['call (555) 123-4567', 'call [PHONE]'],
  ['call (555)123-4567', 'call [PHONE]'],
  ['call 555.123.4567.', 'call [PHONE].'],
  ['call 1-555-123-4567', 'call [PHONE]'],
  ['call 1 (555) 123-4567', 'call [PHONE]'],
  ['call +1 (555) 123-4567', 'call [PHONE]'],
  ['call +1-555-123-4567', 'call [PHONE]'],
  ['call +1.555.123.4567', 'call [PHONE]'],
  ['call +15551234567', 'call [PHONE]'],
  ['pt called from 212 555 0199 twice', 'pt called from [PHONE] twice'],
  ['call 1 212 555 0199', 'call [PHONE]'],
  ['Contact: John at 212-555-0199 x123', 'Contact: John at [PHONE] x123'],
  // phone, international
  ['tel +44 20 7946 0958', 'tel [PHONE]'],
  ['ring +44 (0)20 7946 0958', 'ring [PHONE]'],
  ['ring 0044 20 7946 0958', 'ring [PHONE]'],
  ['ring (020) 7946 0958', 'ring [PHONE]'],
  ['ring 020 7946 0958', 'ring [PHONE]'],
  ['ring +49 30 12345678', 'ring [PHONE]'],
  ['ring +33 1 23 45 67 89', 'ring [PHONE]'],
  ['ring +91-98765-43210', 'ring [PHONE]'],
  ['ring +61 2 9876 5432', 'ring [PHONE]'],
  // phone, labelled
  ['phone: 5551234567', 'phone: [PHONE]'],
  ['Phone number 555 1234', 'Phone number [PHONE]'],
  ['mobile 44 7700 900123', 'mobile [PHONE]'],
  ['tel:+1-555-123-4567', 'tel:[PHONE]'],
  ['{"phone":"555 123 4567"}', '{"phone":"[PHONE]"}'],
  ['Fax # (555) 987-6543', 'Fax # [PHONE]'],
  // e-mail
  ['from jane.doe@example.org:', 'from [EMAIL]:'],
  ['<j_smith+labs@mail.st-mary.nhs.uk>', '<[EMAIL]>'],
  ['mailto:A.B@Hospital.COM', 'mailto:[EMAIL]'],
  // MRN
  ['MRN: 12345678', 'MRN: [MRN]'],
  ['MRN#1234567', 'MRN#[MRN]'],
  ['mrn=E1234567', 'mrn=[MRN]'],
  ['medical record number 123456', 'medical record number [MRN]'],
  ['Medical Record #: 00123-456', 'Medical Record #: [MRN]'],
  ['"medicalRecordNumber": "98765432"', '"medicalRecordNumber": "[MRN]"'],
  ['chart no. 4455667', 'chart no. [MRN]'],
  ['patient id 778899', 'patient id [MRN]'],
  ['patientId=A12B345', 'patientId=[MRN]'],
  // DOB
  ['DOB: 01/02/1960', 'DOB: [DOB]'],
  ['dob 1/2/60,', 'dob [DOB],'],
  ['D.O.B. 12.31.1955', 'D.O.B. [DOB]'],
  ['born 1960-01-02', 'born [DOB]'],
  ['born on March 3, 1948', 'born on [DOB]'],
  ['date of birth 3rd Mar 1948', 'date of birth [DOB]'],
  ['Date of Birth: Jan. 2nd, 1960', 'Date of Birth: [DOB]'],
  ['date of birth is 02-01-1960', 'date of birth is [DOB]'],
  ['"birthDate":"1960-01-02"', '"birthDate":"[DOB]"'],
  ['birth_date=1960/01/02', 'birth_date=[DOB]'],
  // cards (Luhn-valid test numbers)
  ['card 4111111111111111', 'card [CARD]'],
  ['card 4111 1111 1111 1111 exp 12/28', 'card [CARD] exp 12/28'],
  ['card 5500-0000-0000-0004', 'card [CARD]'],
  ['card 3782 822463 10005', 'card [CARD]'],
  ['card 6011000990139424', 'card [CARD]'],
  // FHIR
  ['GET /fhir/r4/Patient/e63wRTbPfr1p8UW81d8Seiw3 404', 'GET /fhir/r4/Patient/[REDACTED] 404'],
  ['subject: Patient/123.', 'subject: Patient/[REDACTED].'],
  ['Patient/abc-123/_history/2', 'Patient/[REDACTED]/_history/2'],
  ['GET /Observation?patient=12345&code=8867-4', 'GET /Observation?patient=[REDACTED]&code=8867-4'],
  ['GET /Patient?family=Smith&birthdate=1960-01-02&_count=1', 'GET /Patient?family=[REDACTED]&birthdate=[REDACTED]&_count=1'],
  ['GET /Patient?identifier=urn:oid:1.2.3|555 HTTP/1.1', 'GET /Patient?identifier=[REDACTED] HTTP/1.1'],
  ['GET /Encounter?subject:Patient=abc', 'GET /Encounter?subject:Patient=[REDACTED]'],
  // several at once
  [
    'Pt MRN 12345678 (DOB 01/02/1960) called from 555-123-4567, e-mail pat@example.com',
    'Pt MRN [MRN] (DOB [DOB]) called from [PHONE], e-mail [EMAIL]',
  ],
];

const untouched: readonly string[] = [
  // timestamps and dates that are not labelled as a birth date
  '2026-11-23T01:00:00Z',
  '2026-11-23T01:00:00.123+01:00',
  'at 2026-11-23 01:00:00.123456',
  'window 2026-11-23/2026-11-30',
  'Mon, 23 Nov 2026 01:00:00 GMT',
  'epoch 1795395956 ms 1795395956466 us 1795395956466907',
  // versions
  'vigil 1.20.3 on node v20.20.2',
  'FHIR 4.0.1, electron 45.4.1, 2.0.0-rc.1+build.5',
  'release 2024.11.1234',
  // network
  '192.168.100.200',
  'connect 10.0.0.1:8443 failed, then 172.16.254.1 and 255.255.255.255',
  '::ffff:192.168.1.1 and fe80::1ff:fe23:4567:890a',
  'https://epic.example.org:8443/api/FHIR/R4/metadata',
  // identifiers
  '550e8400-e29b-41d4-a716-446655440000',
  '12345678-1234-1234-1234-123456789012',
  'trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7',
  'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'request_id=1234567890123456789',
  // durations, latencies and counts
  'p50 120 ms, p95 340 ms, p99 1200 ms',
  'latency 120 340 1200 ms',
  'sizes 512 256 1024 2048',
  'queue 12 512 256 1024',
  'version 3.555.123.4567',
  'count 2000-300-4000',
  'port 5555-6666',
  'error E1234567 at 10:15',
  'Observation/123 Practitioner/55',
  'took 1500ms (PT1.5S), retry in 30s, uptime 12d 3h 4m',
  'count=1234567 errors=0 bytes=4096000000',
  '1,234,567 rows in 00:15:30',
  'delta +1234 -567',
  'order 0012345678',
  'rate 99.95% of 1000000 calls',
  'range 100-200-3000',
  // clinical and operational words that look like labels
  'MRN lookup failed for the connection',
  'MRN: unknown',
  'DOB missing',
  'born in 1960',
  'phone probe ok',
  'cell count 4500',
  'telemetry 1234567',
  'LOINC 8867-4 and 2345-7',
  'OperationOutcome: HTTP 429 Too Many Requests, Retry-After: 120',
  'Patient?_count=1',
  'Patient/$everything and Patient/_search',
  'user@localhost',
  // numbers that fail Luhn or have no card issuer prefix
  'card 4111111111111112',
  'order 4111111111111111x',
  'id 1234567812345678',
];

describe('redact', () => {
  it.each(redacted)('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each(untouched)('leaves alone: %s', (input) => {
    expect(redact(input)).toBe(input);
  });

  it('is idempotent', () => {
    for (const [input] of redacted) {
      const once = redact(input);
      expect(redact(once)).toBe(once);
    }
  });

  it('copes with long input without blowing up', () => {
    const line = 'x'.repeat(200_000) + ' 555-123-4567 ' + '1.'.repeat(50_000) + '9'.repeat(100_000) + ' a@'.repeat(20_000);
    const out = redact(line);
    expect(out).toContain(' [PHONE] ');
    expect(out.length).toBeLessThan(line.length);
  });
});

describe('redactDeep', () => {
  it('keeps a "__proto__" key as data and does not change the prototype', () => {
    const input = JSON.parse('{"__proto__": {"note": "call 555-123-4567"}, "ok": 1}') as Record<string, unknown>;
    const out = redactDeep(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'ok']);
    expect(JSON.stringify(out)).not.toContain('555-123-4567');
  });

  it('redacts every string in objects and arrays, keeping keys and other values', () => {
    const input = {
      message: 'lookup for MRN 12345678 failed',
      'jane.doe@example.org': 'key kept',
      nested: { list: ['call 555-123-4567', 42, true, null, { deeper: 'SSN 123-45-6789' }] },
      at: '2026-11-23T01:00:00Z',
      latencyMs: 1234,
    };
    expect(redactDeep(input)).toEqual({
      message: 'lookup for MRN [MRN] failed',
      'jane.doe@example.org': 'key kept',
      nested: { list: ['call [PHONE]', 42, true, null, { deeper: 'SSN [SSN]' }] },
      at: '2026-11-23T01:00:00Z',
      latencyMs: 1234,
    });
  });

  it('does not mutate its input', () => {
    const input = { a: ['MRN 12345678'], b: { c: 'DOB 01/02/1960' } };
    const before = structuredClone(input);
    const out = redactDeep(input) as typeof input;
    expect(input).toEqual(before);
    expect(out).not.toBe(input);
    expect(out.a).not.toBe(input.a);
  });

  it('redacts values under fields named for an identifier', () => {
    const when = new Date('1960-01-02T00:00:00Z');
    expect(
      redactDeep({
        mrn: '000123',
        MRN: 4455,
        ssn: 123456789,
        birthDate: '1960-01-02',
        dob: when,
        phone: '5551234',
        phone_number: '555 1234',
        socialSecurityNumber: '123456789',
        medical_record_number: 'A-77',
        phoneProbe: 'ok 200',
        mobile: 'n/a',
        createdAt: when,
      }),
    ).toEqual({
      mrn: '[MRN]',
      MRN: '[MRN]',
      ssn: '[SSN]',
      birthDate: '[DOB]',
      dob: '[DOB]',
      phone: '[PHONE]',
      phone_number: '[PHONE]',
      socialSecurityNumber: '[SSN]',
      medical_record_number: '[MRN]',
      phoneProbe: 'ok 200',
      mobile: 'n/a',
      createdAt: when,
    });
  });

  it('redacts a FHIR Patient resource', () => {
    const patient = {
      resourceType: 'Patient',
      id: 'example',
      identifier: [{ system: 'urn:oid:1.2.36.146.595.217.0.1', value: 'MRN 12345678' }],
      telecom: [
        { system: 'phone', value: '(03) 5555 6473' },
        { system: 'email', value: 'pat@example.org' },
      ],
      birthDate: '1974-12-25',
      meta: { lastUpdated: '2026-11-23T01:00:00Z', versionId: '3' },
    };
    // Identifiers and contact details go whole, whatever shape their values have.
    expect(redactDeep(patient)).toEqual({ ...patient, identifier: '[REDACTED]', telecom: '[REDACTED]', birthDate: '[DOB]' });
  });

  it('redacts strings at the top level and passes other primitives through', () => {
    expect(redactDeep('DOB: 01/02/1960')).toBe('DOB: [DOB]');
    expect(redactDeep(5551234567)).toBe(5551234567);
    expect(redactDeep(undefined)).toBeUndefined();
    expect(redactDeep(null)).toBeNull();
  });

  it('turns an Error into its redacted name and message', () => {
    expect(redactDeep({ err: new TypeError('no match for MRN 12345678') })).toEqual({
      err: { name: 'TypeError', message: 'no match for MRN [MRN]' },
    });
  });

  it('replaces cycles and anything too deep instead of walking forever', () => {
    const cyclic: Record<string, unknown> = { note: 'SSN 123-45-6789' };
    cyclic.self = cyclic;
    expect(redactDeep(cyclic)).toEqual({ note: 'SSN [SSN]', self: '[CIRCULAR]' });

    let deep: unknown = 'MRN 12345678';
    for (let i = 0; i < 100; i++) deep = [deep];
    let out = redactDeep(deep);
    let depth = 0;
    while (Array.isArray(out)) {
      out = out[0];
      depth++;
    }
    expect(out).toBe('[TOO DEEP]');
    expect(depth).toBeLessThan(100);
  });

  it('keeps shared (non-circular) references', () => {
    const shared = { v: 'MRN 12345678' };
    expect(redactDeep({ a: shared, b: shared })).toEqual({ a: { v: 'MRN [MRN]' }, b: { v: 'MRN [MRN]' } });
  });
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { redactDeep } from '../../../src-main/phi/redact';
import { verifyJsonl } from '../../../src-main/audit/verify-jsonl';
import { auditFixture, type AuditFixture } from './fixture';

const SSN = '123-45-6789';
const EMAIL = 'jane.doe@example.org';
const PHONE = '(555) 123-4567';
const MRN = '00123456';

/** Shapes no stored detail may contain, whatever the key or nesting. */
const PHI_PATTERNS = [/\d{3}-\d{2}-\d{4}/, /[\w.+-]+@[\w-]+\.[A-Za-z]{2,}/, /\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}/, /\b0*123456\b/];

const DETAILS: Record<string, unknown>[] = [
  { note: `caller gave SSN ${SSN} and e-mail ${EMAIL}` },
  { patient: { contact: { phone: PHONE, email: EMAIL }, mrn: MRN } },
  { lines: [`MRN: ${MRN}`, `call back on ${PHONE}`, { ssn: SSN }] },
  { error: `FHIR search failed for identifier MRN ${MRN}, reply to ${EMAIL}`, status: 422 },
];

let f: AuditFixture;
beforeEach(async () => {
  f = await auditFixture({ redact: redactDeep });
});
afterEach(() => f.close());

it('stores, returns and exports no SSN, e-mail, phone or MRN from appended details', async () => {
  const written = DETAILS.slice(0, 2).map((detail) => f.audit.append({ actor: 'admin', action: 'ehr.search', outcome: 'ok', detail }));
  f.audit.appendMany(DETAILS.slice(2).map((detail) => ({ actor: 'admin', action: 'ehr.search', outcome: 'INVALID_INPUT' as const, detail })));
  written.push(...f.audit.list({ limit: 2 }).entries.reverse());
  const stored = f.db.prepare('SELECT detail FROM audit_log ORDER BY seq').pluck().all() as string[];
  expect(stored).toHaveLength(DETAILS.length);
  const exported = f.audit.exportJsonl({}).lines;
  for (const text of [...stored, JSON.stringify(written), exported]) {
    for (const raw of [SSN, EMAIL, PHONE, MRN]) expect(text).not.toContain(raw);
    for (const pattern of PHI_PATTERNS) expect(text).not.toMatch(pattern);
  }
  // Redaction replaces the identifiers, not the facts around them.
  expect(written[0]?.detail).toEqual({ note: 'caller gave SSN [SSN] and e-mail [EMAIL]' });
  expect(written[3]?.detail).toMatchObject({ status: 422 });
  // The hash covers what was stored, so the redacted trail verifies.
  expect(await f.audit.verify()).toMatchObject({ ok: true, checked: DETAILS.length });
  expect(verifyJsonl(exported)).toMatchObject({ ok: true, checked: DETAILS.length });
});

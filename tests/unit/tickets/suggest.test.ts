/** Suggestions from a ticket's text: emergency words, error codes, the linked alert, and sentiment that raises priority by one level and says why. */
import { describe, expect, it } from 'vitest';
import { suggestFor } from '../../../src-main/tickets/suggest/suggest';

const suggest = (text: string, codes: string[] = [], alert: { severity: string; priority: 'emergency' | 'critical' | 'high' | 'medium' | 'low' } | null = null) =>
  suggestFor({ text, codes, alert });

describe('suggested priority and category', () => {
  it.each([
    ['Wrong patient chart opened from the CDS link', 'patient_safety', 'clinical'],
    ['Medication error: dose shown in mg instead of mcg', 'patient_safety', 'clinical'],
    ['Epic is down for the whole ward', 'system_downtime', 'clinical'],
    ['Total outage of the lab interface', 'system_downtime', 'integration'],
    ['Possible data breach: PHI exposed in a shared folder', 'data_breach', 'compliance_security'],
    ['HIPAA violation reported by the privacy office', 'compliance_violation', 'compliance_security'],
  ] as const)('%s → Emergency (%s), %s', (text, emergency, category) => {
    const s = suggest(text);
    expect(s.emergency).toBe(emergency);
    expect(s.priority.value).toBe('emergency');
    expect(s.priority.reasons.join(' ')).toMatch(/emergency category/);
    expect(s.category.value).toBe(category);
  });

  it('does not take an SLA breach for a data breach', () => {
    expect(suggest('The SLA was breached on the printer ticket').emergency).toBeNull();
  });

  it('suggests High for error codes that stop data flowing, Medium for the others, and Integration for both', () => {
    expect(suggest('Token requests fail', ['smart_auth_error'])).toMatchObject({ priority: { value: 'high' }, category: { value: 'integration' }, errorCodes: ['smart_auth_error'] });
    expect(suggest('One Observation was rejected', ['fhir_validation_error'])).toMatchObject({ priority: { value: 'medium' }, category: { value: 'integration' } });
  });

  it('follows the linked alert’s severity as the alert rules map it', () => {
    expect(suggest('Connection down', [], { severity: 'SEV1', priority: 'emergency' }).priority).toEqual({ value: 'emergency', reasons: ['The linked alert is SEV1'] });
  });

  it('suggests Low for a question and Medium when nothing stands out', () => {
    expect(suggest('Question: how do I export the audit trail?').priority.value).toBe('low');
    expect(suggest('Printer on ward 3 prints blank pages').priority.value).toBe('medium');
    expect(suggest('How do I learn the new triage screen? Is there a tutorial?').category.value).toBe('training');
  });
});

describe('sentiment (AFINN-165)', () => {
  it('raises the suggestion by one level for strongly negative wording, and says why', () => {
    const s = suggest('This is terrible and useless. I am furious, the results viewer is awful and nobody helps.');
    expect(s.sentiment.strong).toBe(true);
    expect(s.sentiment.score).toBeLessThanOrEqual(-5);
    expect(s.sentiment.negativeWords).toEqual(expect.arrayContaining(['terrible', 'useless', 'furious', 'awful']));
    expect(s.priority.value).toBe('high');
    expect(s.priority.reasons.at(-1)).toMatch(/^Strongly negative wording \(AFINN-165 score -\d+: .*\): raised from Medium to High$/);
  });

  it('does not count the words of the problem itself as anger', () => {
    const s = suggest('Request failed with an error; the interface is down, the problem is critical and the order is missing.');
    expect(s.sentiment.score).toBeGreaterThan(-5);
    expect(s.sentiment.strong).toBe(false);
  });

  it('cannot raise an Emergency further', () => {
    const s = suggest('Wrong patient! This is terrible, awful, useless, I am furious.');
    expect(s.priority.value).toBe('emergency');
    expect(s.sentiment.strong).toBe(true);
  });
});

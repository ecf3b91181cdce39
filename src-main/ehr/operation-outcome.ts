/** Reading OperationOutcome bodies into the issues an operator needs. */
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export interface OutcomeIssue {
  severity: OperationOutcomeIssue['severity'];
  code: string;
  diagnostics?: string;
  /** FHIRPath expressions (R4), or the deprecated `location` when that is all the server sent. */
  expression?: string[];
  /** details.text, or the first coding's display or code. */
  details?: string;
}

function isOperationOutcome(body: unknown): body is OperationOutcome {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { resourceType?: unknown }).resourceType === 'OperationOutcome' &&
    Array.isArray((body as { issue?: unknown }).issue)
  );
}

const MAX_TEXT = 500;
const clip = (s: string | undefined) => (s === undefined ? undefined : s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

export function outcomeIssues(body: unknown): OutcomeIssue[] {
  if (!isOperationOutcome(body)) return [];
  return body.issue
    .filter((i): i is OperationOutcomeIssue => typeof i === 'object' && i !== null)
    .map((i) => {
      const coding = i.details?.coding?.[0];
      const paths = i.expression ?? i.location;
      return {
        severity: i.severity,
        code: typeof i.code === 'string' ? i.code : 'unknown',
        diagnostics: clip(i.diagnostics),
        expression: paths?.length ? paths : undefined,
        details: clip(i.details?.text ?? coding?.display ?? coding?.code),
      };
    });
}

const CONSENT_TEXT = /consent|opt(?:ed)?[- ]?out|break[- ]the[- ]glass/i;

/**
 * The rule for a 403 that means "the patient's consent or privacy rules
 * withhold this", as opposed to "this client lacks the scope":
 * - an issue with code `suppressed`, which R4 defines as information withheld
 *   "due to business rules, consent or privacy rules, or access permission
 *   constraints" (https://hl7.org/fhir/R4/valueset-issue-type.html), or
 * - any issue whose diagnostics or details mention consent, opting out or
 *   break-the-glass (servers put those under `security`, `forbidden` or
 *   `processing`).
 * A bare `security` issue is not enough: servers use it for every permission
 * refusal, which is a SCOPE problem.
 */
export function isConsentRefusal(issues: OutcomeIssue[]): boolean {
  return issues.some(
    (i) => i.code === 'suppressed' || CONSENT_TEXT.test(i.diagnostics ?? '') || CONSENT_TEXT.test(i.details ?? ''),
  );
}

/** A short summary for an error message: "error processing: Resource Patient/x is not known". */
/**
 * The first serious issue in two parts: its coded severity and code (safe to
 * show anyone), and the server's own words (diagnostics or details), which
 * can quote patient data and so are kept apart.
 */
export function summariseIssues(issues: OutcomeIssue[]): { coded: string; text: string | null } {
  const first = issues.find((i) => i.severity === 'fatal' || i.severity === 'error') ?? issues[0];
  if (!first) return { coded: '', text: null };
  const text = first.diagnostics ?? first.details ?? '';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return { coded: `${first.severity} ${first.code}${more}`, text: text ? text.slice(0, 200) : null };
}

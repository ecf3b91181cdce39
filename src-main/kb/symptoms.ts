/**
 * Which error codes a text points at: a code written out, the EHR
 * classifier's own phrases (as alerts and probe summaries quote them), and
 * the words people use for the same failures. Order matters: the more
 * specific symptoms come first, so "403 … consent" is consent, not scope.
 */
import type { AlertView } from '../../src-shared/monitoring';

const CODE_WORD = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;

export const SYMPTOMS: ReadonlyArray<readonly [code: string, pattern: RegExp]> = [
  ['patient_consent_required', /\bconsent\b|withheld the data|privacy rules/i],
  ['smart_scope_error', /\b403\b|insufficient[_ ]scope|granted scopes|scopes? (?:do(?:es)? not|don'?t) cover|missing scopes?/i],
  ['smart_auth_error', /\b401\b|refused the credentials|invalid[_ ]client|invalid[_ ]grant|unauthori[sz]ed|smart (?:on fhir )?(?:auth\w*|launch) (?:fail\w*|error)|token (?:request|endpoint) (?:fail\w*|refused)|(?:expired|invalid) (?:access )?token/i],
  ['fhir_rate_limited', /\b429\b|rate[- ]limit\w*|too many requests|throttl\w*/i],
  ['fhir_timeout', /\btimed? ?out\b|timeouts?\b|takes? (?:too long|forever)|very slow|hangs?\b/i],
  ['tls_certificate_error', /\b(?:tls|ssl|x\.?509)\b|certificate|cert_|self[- ]signed|handshake/i],
  ['network_unreachable', /could not reach|unreachable|econnrefused|enotfound|econnreset|\bdns\b|connection refused|no route to host|firewall|proxy/i],
  ['fhir_server_error', /\b50[0-4]\b|server error|internal error|service unavailable|bad gateway/i],
  ['fhir_not_found', /\b(?:404|410)\b|not found|no such resource|unknown resource/i],
  ['fhir_malformed_response', /instead of fhir json|not valid json|malformed|unexpected (?:token|response)|login page|html instead/i],
  ['fhir_validation_error', /operationoutcome|validation (?:error|fail\w*)|failed validation|\b(?:400|422)\b|rejected the request|invalid (?:date|format|coding|reference|identifier|resource)/i],
];

/** The known codes written out in a text, in the order they appear. */
export function writtenCodes(text: string, known: ReadonlySet<string>): string[] {
  return [...new Set((text.toLowerCase().match(CODE_WORD) ?? []).filter((c) => known.has(c)))];
}

/** The codes a text points at, written ones first, then symptoms, most specific first; only codes in `known` (those with an article). */
export function codesIn(text: string, known: ReadonlySet<string>): string[] {
  const found = new Set(writtenCodes(text, known));
  for (const [code, pattern] of SYMPTOMS) if (known.has(code) && pattern.test(text)) found.add(code);
  return [...found];
}

/** An alert's codes: its rule says some outright; a connection's health alert quotes the failing probe. */
export function alertCodes(alert: Pick<AlertView, 'rule' | 'title' | 'detail'>, known: ReadonlySet<string>): string[] {
  const byRule = alert.rule === 'tls-expiry' || alert.rule === 'tls-protocol' ? ['tls_certificate_error'] : alert.rule === 'token-expiry' ? ['smart_auth_error'] : [];
  return [...new Set([...byRule.filter((c) => known.has(c)), ...codesIn(`${alert.title}: ${alert.detail}`, known)])];
}

/**
 * What Vigil suggests for a ticket from its text: priority, category, an
 * emergency category, and the sentiment of the wording. Pure; shown to the
 * person, never applied on their behalf.
 *
 * Rules:
 * - The seed's emergency categories (patient safety, system downtime, data
 *   breach, compliance violation), recognised by their words, suggest an
 *   Emergency.
 * - Otherwise the most urgent of: the linked alert's severity (as the
 *   alert-to-ticket rules map it), the error codes found (auth, network,
 *   TLS, timeouts and server errors block work: High), urgency words, and
 *   Medium by default ("question", "minor"… suggest Low).
 * - Strongly negative wording (AFINN-165 score of −5 or less, with the
 *   vocabulary of problems themselves, "error", "failed", "down"…, not
 *   counted) raises the suggestion by one level and says so.
 * - The category follows the emergency (patient safety is clinical, a
 *   breach or violation compliance & security), else the words and codes
 *   that score most, else technical.
 */
import Sentiment from 'sentiment';
import {
  CATEGORY_LABELS,
  EMERGENCY_LABELS,
  PRIORITY_LABELS,
  priorityRank,
  raisePriority,
  type Category,
  type EmergencyKind,
  type Priority,
  type Suggestion,
} from '../../../src-shared/tickets';

const EMERGENCY_WORDS: ReadonlyArray<readonly [EmergencyKind, RegExp]> = [
  [
    'patient_safety',
    /\bpatient[- ]safety\b|\bwrong (?:patient|dose|dosage|medication|drug|chart|site|record)\b|\bmedication errors?\b|\badverse (?:event|drug|reaction)\b|\bpatient (?:harm|harmed|injur\w*|at risk)\b|\bsentinel event\b|\ballerg\w* (?:missing|not (?:shown|showing|displayed))\b/i,
  ],
  ['data_breach', /\b(?:data|security|phi|privacy|hipaa) breach\b|\b(?:phi|patient data|patient records?|records?|data) (?:was |were |is |are )?(?:exposed|leaked|stolen)\b|\bransomware\b|\bunauthori[sz]ed access\b/i],
  [
    'system_downtime',
    /\b(?:system|ehr|emr|epic|cerner|server|portal|fhir server|network) (?:is |went |has gone )?(?:completely |totally )?(?:down|offline)\b|\b(?:outage|downtime)\b|\bnobody can (?:log ?in|access|work)\b|\ball users? (?:are |is )?(?:down|locked out|unable)\b/i,
  ],
  ['compliance_violation', /\b(?:hipaa|compliance|regulatory) violation\b|\bviolat\w* (?:hipaa|policy|regulations?)\b/i],
];

const CATEGORY_WORDS: ReadonlyArray<readonly [Category, RegExp]> = [
  ['clinical', /\b(?:clinical|clinician|patients?|medications?|orders?|cds|charts?|nurses?|physicians?|doctors?|wards?|lab results?|allerg\w*|diagnos\w*|prescri\w*)\b/gi],
  ['compliance_security', /\b(?:hipaa|compliance|breach|audit|privacy|security|phishing|consent|passwords?|access rights?|phi)\b/gi],
  ['training', /\b(?:how (?:do|can|to) (?:i|we)|training|tutorial|learn\w*|onboard\w*|certification|new (?:user|starter)s?|walk ?through|documentation)\b/gi],
  ['integration', /\b(?:fhir|hl7|api|interface|endpoints?|smart|oauth|tokens?|epic|cerner|allscripts|oracle health|veradigm|integration|webhooks?|operationoutcome)\b/gi],
];

const URGENT = /\b(?:urgent|asap|immediately|right now|all users|whole (?:ward|hospital|department)|cannot (?:log ?in|access|work)|blocked|stopped working)\b/i;
const MINOR = /\b(?:question|when you have time|low priority|minor|cosmetic|typo|nice to have|feature request)\b/i;

/** Codes whose failures stop work outright (no data flows); the others leave a workaround. */
const BLOCKING_CODES = new Set(['smart_auth_error', 'network_unreachable', 'tls_certificate_error', 'fhir_timeout', 'fhir_server_error', 'fhir_rate_limited', 'fhir_malformed_response']);

// The vocabulary of the problem itself says nothing about the person's mood: "error" or "down" in a bug report is not anger.
const NEUTRAL_WORDS: Record<string, number> = Object.fromEntries(
  ['error', 'errors', 'fail', 'failed', 'fails', 'failing', 'failure', 'problem', 'problems', 'issue', 'issues', 'down', 'emergency', 'risk', 'pain', 'critical', 'urgent', 'crash', 'crashed', 'broken', 'block', 'blocked', 'stop', 'stopped', 'missing', 'lost', 'wrong', 'refused', 'reject', 'rejected', 'invalid', 'warning', 'alert', 'breach', 'violation', 'attack', 'infection', 'cancer', 'disease', 'death', 'dead', 'died', 'injury', 'harm', 'killed'].map((w) => [w, 0]),
);
export const STRONG_NEGATIVE_SCORE = -5;

const sentiment = new Sentiment();

export interface SuggestInput {
  text: string;
  /** Error codes found in the text and the linked alert (the knowledge base recognises them). */
  codes: readonly string[];
  /** The linked alert's severity as the alert-to-ticket rules turn it into a priority. */
  alert: { severity: string; priority: Priority } | null;
}

function emergencyIn(text: string): EmergencyKind | null {
  return EMERGENCY_WORDS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

function categoryFor(text: string, emergency: EmergencyKind | null, codes: readonly string[]): { value: Category; reasons: string[] } {
  if (emergency === 'patient_safety') return { value: 'clinical', reasons: ['Patient safety is clinical'] };
  if (emergency === 'data_breach' || emergency === 'compliance_violation') return { value: 'compliance_security', reasons: [`${EMERGENCY_LABELS[emergency]} is compliance & security`] };
  const scored = CATEGORY_WORDS.map(([category, pattern]) => {
    const words = [...new Set((text.match(pattern) ?? []).map((w) => w.toLowerCase()))];
    return { category, words, score: (text.match(pattern) ?? []).length + (category === 'integration' ? codes.length * 2 : 0) };
  }).sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  if (best.score === 0) return { value: 'technical', reasons: [] };
  const because = best.category === 'integration' && codes.length > 0 ? [`Error code ${codes.join(', ')}`] : [];
  return { value: best.category, reasons: [...because, ...(best.words.length > 0 ? [`Words: ${best.words.slice(0, 4).join(', ')}`] : [])].map((r) => `${CATEGORY_LABELS[best.category]}: ${r}`) };
}

function sentimentOf(text: string): Suggestion['sentiment'] {
  const result = sentiment.analyze(text, { extras: NEUTRAL_WORDS });
  const strong = result.score <= STRONG_NEGATIVE_SCORE;
  return {
    score: result.score,
    comparative: Math.round(result.comparative * 1000) / 1000,
    negativeWords: [...new Set(result.negative)],
    strong,
    reason: strong ? `Strongly negative wording (AFINN-165 score ${result.score}: ${[...new Set(result.negative)].slice(0, 5).join(', ')})` : null,
  };
}

export function suggestFor(input: SuggestInput): Suggestion {
  const { text, codes, alert } = input;
  const emergency = emergencyIn(text);
  const sentimentResult = sentimentOf(text);
  const candidates: Array<{ priority: Priority; reason: string }> = [];
  if (emergency) candidates.push({ priority: 'emergency', reason: `${EMERGENCY_LABELS[emergency]} is an emergency category` });
  if (alert) candidates.push({ priority: alert.priority, reason: `The linked alert is ${alert.severity}` });
  const blocking = codes.filter((c) => BLOCKING_CODES.has(c));
  if (blocking.length > 0) candidates.push({ priority: 'high', reason: `${blocking.join(', ')} stops data flowing` });
  else if (codes.length > 0) candidates.push({ priority: 'medium', reason: `Error code ${codes.join(', ')}` });
  if (URGENT.test(text)) candidates.push({ priority: 'high', reason: 'Urgent wording' });
  if (candidates.length === 0) candidates.push(MINOR.test(text) ? { priority: 'low', reason: 'Reads as a question or a minor issue' } : { priority: 'medium', reason: 'Nothing urgent found' });

  const top = Math.min(...candidates.map((c) => priorityRank(c.priority)));
  let priority = candidates.find((c) => priorityRank(c.priority) === top)!.priority;
  const reasons = candidates.filter((c) => priorityRank(c.priority) === top).map((c) => c.reason);
  if (sentimentResult.strong && priority !== 'emergency') {
    const raised = raisePriority(priority);
    reasons.push(`${sentimentResult.reason}: raised from ${PRIORITY_LABELS[priority]} to ${PRIORITY_LABELS[raised]}`);
    priority = raised;
  }
  return {
    priority: { value: priority, reasons },
    category: categoryFor(text, emergency, codes),
    emergency,
    sentiment: sentimentResult,
    errorCodes: [...codes],
  };
}

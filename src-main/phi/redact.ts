/**
 * PHI redaction for anything Vigil shows, logs or audits. Patterns are tuned
 * for operational text (logs, error bodies, URLs): they must catch identifiers
 * yet leave what operators need intact — timestamps, versions, IP addresses,
 * UUIDs, latencies and counts. When unsure, a shape only counts as PHI when a
 * label says so ("MRN", "DOB", "phone") or its punctuation makes it unambiguous.
 */

type Token = '[SSN]' | '[PHONE]' | '[EMAIL]' | '[MRN]' | '[DOB]' | '[CARD]' | '[ACCOUNT]' | '[DATE]' | '[REDACTED]';

// A label, then separators as they appear in prose, key/value logs and JSON
// ('MRN: 1', 'mrn=1', '"mrn": "1"', 'DOB is 1/2/60'). Group 1 is label+separator.
const SEP = `["']?(?:\\s*(?:[:#=]|is\\b|was\\b))*\\s*["']?`;
const NO_LETTER_BEFORE = '(?<![A-Za-z])';

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// A compact date as HL7 v2 and many exports write it: 19610304.
const COMPACT_DATE = '(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const DATE = [
  '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\d)',
  `${COMPACT_DATE}(?!\\d)`,
  '\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}(?!\\d)',
  `(?:${MONTH})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`,
  `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTH})\\.?,?\\s+\\d{4}`,
].join('|');

const LABELLED: ReadonlyArray<readonly [RegExp, Token]> = [
  [new RegExp(`(${NO_LETTER_BEFORE}(?:DOB|D\\.O\\.B\\.?|date[\\s_-]*of[\\s_-]*birth|birth[\\s_-]*date|born(?:\\s+on)?)${SEP})(?:${DATE})`, 'gi'), '[DOB]'],
  [new RegExp(`(${NO_LETTER_BEFORE}(?:SSN|SS#|social[\\s_-]*security(?:[\\s_-]*(?:number|num|no\\.?|#))?)${SEP})\\d{3}[\\s-]?\\d{2}[\\s-]?\\d{4}(?!\\d)`, 'gi'), '[SSN]'],
  [
    new RegExp(
      `(${NO_LETTER_BEFORE}(?:MRN|MR#|medical[\\s_-]*record(?:[\\s_-]*(?:number|num|no\\.?|#))?|chart[\\s_-]*(?:number|num|no\\.?|#)|patient[\\s_-]*(?:id|identifier|number|no\\.?))${SEP})(?=[\\w-]*\\d)[A-Za-z0-9][A-Za-z0-9-]{3,}`,
      'gi',
    ),
    '[MRN]',
  ],
  // An identifier right after a word for the person it belongs to, with no label between: "patient 0012345", "member A12345".
  [new RegExp(`(${NO_LETTER_BEFORE}(?:patient|pt\\.?|member|subject|person)(?:'s)?\\s+(?:#\\s*)?)(?=[\\w-]*\\d)[A-Za-z0-9][A-Za-z0-9-]{3,}`, 'gi'), '[MRN]'],
  [
    new RegExp(`(${NO_LETTER_BEFORE}(?:account|acct\\.?|a/c)(?:[\\s_-]*(?:number|num|no\\.?|#|id))?${SEP})(?=[\\w-]*\\d)[A-Za-z0-9][A-Za-z0-9-]{3,}`, 'gi'),
    '[ACCOUNT]',
  ],
];

// A compact date standing alone (not part of a longer number, word or version) is read as a date of a person's record.
const COMPACT_DATE_ALONE = new RegExp(`(?<![\\w.+-])${COMPACT_DATE}(?![\\w-]|\\.\\d)`, 'g');

/**
 * FHIR members that hold a person's name, contact details or identifiers,
 * as they appear in JSON quoted inside an error message: the whole value
 * goes, however it is nested. `name`, `address`, `identifier` and `contact`
 * only as objects or arrays (a string "name" is a server's or a setting's).
 */
// birthDate is caught by the DOB label and key rules, which keep the [DOB] token.
const FHIR_MEMBERS_ANY = ['family', 'given', 'telecom', 'line', 'postalCode', 'deceasedDateTime'];
const FHIR_MEMBERS_STRUCTURED = ['name', 'address', 'identifier', 'contact'];
const FHIR_MEMBER = new RegExp(`"(${[...FHIR_MEMBERS_ANY, ...FHIR_MEMBERS_STRUCTURED].join('|')})"\\s*:\\s*`, 'g');

/** The end of the JSON value starting at `start` (a string, array, object or bare word), or -1 when it does not close. */
function jsonValueEnd(text: string, start: number): number {
  const open = text[start];
  if (open === '"') {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return -1;
  }
  if (open === '[' || open === '{') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        i = jsonValueEnd(text, i) - 1;
        if (i < 0) return -1;
      } else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  const bare = /^[\\w.+-]+/.exec(text.slice(start));
  return bare ? start + bare[0].length : -1;
}

function redactFhirMembers(text: string): string {
  if (!text.includes('"')) return text;
  let out = '';
  let from = 0;
  FHIR_MEMBER.lastIndex = 0;
  for (let m = FHIR_MEMBER.exec(text); m !== null; m = FHIR_MEMBER.exec(text)) {
    const valueStart = m.index + m[0].length;
    const structured = text[valueStart] === '[' || text[valueStart] === '{';
    if (FHIR_MEMBERS_STRUCTURED.includes(m[1]!) && !structured) continue;
    // A value cut off (a truncated error body) goes to the end of the text.
    const end = jsonValueEnd(text, valueStart);
    const stop = end === -1 ? text.length : end;
    out += `${text.slice(from, valueStart)}"[REDACTED]"`;
    from = stop;
    FHIR_MEMBER.lastIndex = stop;
  }
  return out + text.slice(from);
}

// Digit groups after the first, split by single separators, optionally with
// one "(area)" group. Each alternative starts differently, so the regex
// cannot backtrack badly on long digit runs.
const PHONE_GROUP = '(?:[\\s.-]?\\(\\d+\\)\\s?\\d+|[\\s.-]\\d+)';
const PHONE_LABELLED = new RegExp(
  `(${NO_LETTER_BEFORE}(?:phone|telephone|tel|mobile|cell(?:[\\s_-]*phone)?|fax)(?:[\\s_-]*(?:number|num|no\\.?|#))?${SEP})\\+?(?:\\(\\d+\\)\\s?)?\\d+${PHONE_GROUP}*`,
  'gi',
);
// Starts only where no number, word, version or address continues to the left.
const DIGITS_START = '(?<![\\w.+-])';
const PHONE_SHAPES = new RegExp(
  [
    `${DIGITS_START}\\+[1-9]\\d*${PHONE_GROUP}*`,
    // "00" dialling prefix: only with separators, so zero-padded numbers stay.
    `${DIGITS_START}00[1-9]\\d*${PHONE_GROUP}+`,
    // North American: area code in parens, or groups split consistently by - or .
    `${DIGITS_START}(?:1[\\s.-])?\\([2-9]\\d{2}\\)\\s?\\d{3}[\\s.-]\\d{4}`,
    `${DIGITS_START}(?:1[.-])?[2-9]\\d{2}([.-])\\d{3}\\1\\d{4}`,
    // Split by spaces only when it follows the numbering plan and stands alone,
    // so a row of counts ("512 256 1024 2048") stays.
    `${DIGITS_START}(?<!\\d\\s)(?:1 )?[2-9]\\d{2} [2-9]\\d{2} \\d{4}(?!\\s\\d)`,
    // National numbers with a trunk 0: "(020) 7946 0958", "020 7946 0958".
    `${DIGITS_START}\\(0\\d{1,4}\\)\\s?\\d{3,4}[\\s.-]?\\d{3,4}`,
    `${DIGITS_START}0\\d{1,4}([\\s-])\\d{3,4}\\2\\d{3,4}`,
  ].join('|'),
  'g',
);

const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const SSN = /(?<![\w.-])\d{3}([- ])\d{2}\1\d{4}(?![\w-]|\.\d)/g;
const CARD = /(?<![\w.-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5})(?![\w-]|\.\d)/g;

// Issuer prefixes and lengths: a Luhn check alone passes one random number in ten.
const CARD_NETWORKS = [
  /^4(?:\d{12}|\d{15}|\d{18})$/, // Visa
  /^(?:5[1-5]\d\d|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)\d{12}$/, // Mastercard
  /^3[47]\d{13}$/, // American Express
  /^3(?:0[0-5]|[689]\d)\d{11,16}$/, // Diners Club
  /^(?:6011|65\d\d|64[4-9]\d)\d{12,15}$/, // Discover
  /^35(?:2[89]|[3-8]\d)\d{12,15}$/, // JCB
];

// A FHIR Patient reference carries the patient's logical id, and patient
// search parameters carry identifiers and demographics in the query string.
const FHIR_PATIENT_REF = /\bPatient\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/g;
const FHIR_PATIENT_PARAM =
  /([?&](?:patient|subject|identifier|name|family|given|birthdate|phone|email|telecom|address(?:-[a-z]+)?)(?:[.:][A-Za-z.]+)?=)[^&#\s]+/gi;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function countDigits(s: string): number {
  return s.replace(/\D/g, '').length;
}

/** True when the character after a match does not continue it as a word or a number. */
function endsClean(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (/\w/.test(next)) return false;
  return !((next === '-' || next === '.') && /\d/.test(text[end + 1] ?? ''));
}

/**
 * Every pattern below needs one of these: a digit (dates, numbers, labelled
 * identifiers), "@" (e-mail), "=" (a search parameter), "Patient/" (a
 * reference) or a quoted FHIR member name ("family":). Most operational text
 * has none, and skips a dozen regexes.
 */
const MAY_HOLD_PHI = new RegExp(`[0-9@=]|Patient/|"(?:${[...FHIR_MEMBERS_ANY, ...FHIR_MEMBERS_STRUCTURED].join('|')})"`);

/** Replaces the PHI patterns in a string with tokens like [SSN] and [DOB]. */
export function redact(text: string): string {
  if (!MAY_HOLD_PHI.test(text)) return text;
  let out = redactFhirMembers(text).replace(EMAIL, '[EMAIL]');
  out = out.replace(FHIR_PATIENT_REF, 'Patient/[REDACTED]');
  out = out.replace(FHIR_PATIENT_PARAM, '$1[REDACTED]');
  for (const [re, token] of LABELLED) out = out.replace(re, (_m, label: string) => label + token);
  out = out.replace(COMPACT_DATE_ALONE, '[DATE]');
  out = out.replace(PHONE_LABELLED, (match: string, label: string, offset: number, whole: string) => {
    const digits = countDigits(match.slice(label.length));
    return digits >= 7 && digits <= 15 && endsClean(whole, offset + match.length) ? label + '[PHONE]' : match;
  });
  out = out.replace(SSN, '[SSN]');
  out = out.replace(CARD, (match) => {
    const digits = match.replace(/\D/g, '');
    return CARD_NETWORKS.some((re) => re.test(digits)) && luhn(digits) ? '[CARD]' : match;
  });
  return out.replace(PHONE_SHAPES, (match: string, ...rest: unknown[]) => {
    const offset = rest[rest.length - 2] as number;
    const whole = rest[rest.length - 1] as string;
    const digits = countDigits(match.startsWith('00') ? match.slice(2) : match);
    return digits >= 7 && digits <= 15 && endsClean(whole, offset + match.length) ? '[PHONE]' : match;
  });
}

// A field named for an identifier holds PHI even when its value has no telling
// shape: {"mrn": "000123"} or {"birthDate": "1960-01-02"}.
const PHI_KEYS: ReadonlyArray<readonly [RegExp, Token]> = [
  [/^(?:ssn|social[_-]?security(?:[_-]?(?:number|num|no))?)$/i, '[SSN]'],
  [/^(?:mrn|medical[_-]?record(?:[_-]?(?:number|num|no))?)$/i, '[MRN]'],
  [/^(?:dob|birth[_-]?date|date[_-]?of[_-]?birth)$/i, '[DOB]'],
  [/^(?:phone|telephone|mobile|fax|phone[_-]?number)$/i, '[PHONE]'],
];

// FHIR members for a person's name, contact details and identifiers (see FHIR_MEMBERS_ANY above).
const FHIR_KEYS_ANY = new Set(FHIR_MEMBERS_ANY);
const FHIR_KEYS_STRUCTURED = new Set(FHIR_MEMBERS_STRUCTURED);

function tokenForKey(key: string, value: unknown): Token | null {
  if (FHIR_KEYS_ANY.has(key) && value !== null && value !== undefined) return '[REDACTED]';
  if (FHIR_KEYS_STRUCTURED.has(key) && value !== null && typeof value === 'object') return '[REDACTED]';
  const identifierLike =
    typeof value === 'number' || value instanceof Date || (typeof value === 'string' && /\d/.test(value));
  if (!identifierLike) return null;
  return PHI_KEYS.find(([re]) => re.test(key))?.[1] ?? null;
}

const MAX_DEPTH = 32;

/**
 * A redacted copy of any value: every string is redacted, object keys are
 * kept, the input is never mutated. Anything deeper than MAX_DEPTH or
 * circular is replaced, since it cannot be checked.
 */
export function redactDeep(value: unknown): unknown {
  const path = new Set<object>();

  function walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return redact(v);
    if (v === null || typeof v !== 'object' || v instanceof Date) return v;
    if (path.has(v)) return '[CIRCULAR]';
    if (depth >= MAX_DEPTH) return '[TOO DEEP]';
    path.add(v);
    try {
      if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
      // Error's message is not an own enumerable property, so copy it explicitly.
      if (v instanceof Error) return { name: v.name, message: redact(v.message) };
      // fromEntries defines own properties, so a "__proto__" key stays data, not a prototype.
      return Object.fromEntries(
        Object.entries(v).map(([key, item]) => [key, tokenForKey(key, item) ?? walk(item, depth + 1)]),
      );
    } finally {
      path.delete(v);
    }
  }

  return walk(value, 0);
}

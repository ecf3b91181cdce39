/**
 * The import format (README, "Importing and exporting tickets"): tickets
 * with their history as CSV (one row per ticket, a header naming the
 * columns) or JSON ({"format": "vigil.tickets.v1", "tickets": [...]}).
 * Both are read into the same raw records and checked by one set of rules,
 * so each issue names its line (CSV) or record, and the column or field.
 *
 * A ticket's history:
 * - created at created_at (by created_by, "import" when empty);
 * - the status changes of status_history, in time order, each allowed by
 *   the workflow (new → acknowledged → in progress → pending (reason) →
 *   resolved → closed, and reopen);
 * - resolved_at and closed_at, when the history does not hold them, add
 *   those changes; when it does, they must agree with it;
 * - first_response_at, when earlier than the first status change (leaving
 *   New is a first response), is a reply to the requester at that time; it
 *   cannot be later than that change;
 * - CSAT (1–5 and a comment) needs a resolved or closed ticket.
 */
import { parse } from 'csv-parse/sync';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  EMERGENCY_KINDS,
  EMERGENCY_LABELS,
  PENDING_REASONS,
  PRIORITIES,
  PRIORITY_LABELS,
  STATUSES,
  STATUS_LABELS,
  STATUS_TRANSITIONS,
  tagSchema,
  ticketTitleSchema,
  type ImportIssue,
  type PendingReason,
  type TicketStatus,
  type Tier,
} from '../../../src-shared/tickets';
import type { TicketState } from '../derive';

export const JSON_FORMAT = 'vigil.tickets.v1';

/** The CSV columns, in the order an export writes them. */
export const CSV_COLUMNS = [
  'external_id',
  'title',
  'description',
  'requester_name',
  'requester_department',
  'requester_contact',
  'priority',
  'category',
  'emergency',
  'status',
  'status_history',
  'assignee',
  'tier',
  'tags',
  'created_at',
  'created_by',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'csat_score',
  'csat_comment',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The same fields as JSON names them. */
const JSON_FIELDS: Record<CsvColumn, string> = {
  external_id: 'externalId',
  title: 'title',
  description: 'description',
  requester_name: 'requester.name',
  requester_department: 'requester.department',
  requester_contact: 'requester.contact',
  priority: 'priority',
  category: 'category',
  emergency: 'emergency',
  status: 'status',
  status_history: 'statusHistory',
  assignee: 'assignee',
  tier: 'tier',
  tags: 'tags',
  created_at: 'createdAt',
  created_by: 'createdBy',
  first_response_at: 'firstResponseAt',
  resolved_at: 'resolvedAt',
  closed_at: 'closedAt',
  csat_score: 'csat.score',
  csat_comment: 'csat.comment',
};

type Cell = string | number | null | undefined;

interface HistoryCell {
  status: string;
  at: Cell;
  pendingReason?: string;
}

/** One ticket as read from either format, before any rule is applied. */
export interface RawTicket {
  line: number | null;
  row: number;
  format: 'csv' | 'json';
  cells: Partial<Record<Exclude<CsvColumn, 'status_history' | 'tags'>, Cell>>;
  tags: string[];
  history: HistoryCell[] | { error: string };
  /** What makes the record unreadable as a whole (a CSV row with the wrong number of fields). */
  problem: string | null;
}

/** A ticket that passed every rule, ready to be written as events. */
export interface ImportedTicket
  extends Pick<TicketState, 'externalId' | 'title' | 'description' | 'requester' | 'priority' | 'category' | 'emergency' | 'assignee' | 'tier' | 'tags' | 'createdAt' | 'csat'> {
  createdBy: string;
  /** A reply at this time, when the first response came before the ticket left New. */
  replyAt: number | null;
  changes: Array<{ status: TicketStatus; pendingReason: PendingReason | null; at: number }>;
}

export type ReadResult = { records: RawTicket[]; fatal: null } | { records: []; fatal: ImportIssue };

// ---------------------------------------------------------------- reading CSV

/** Spreadsheet programs run a cell starting with these as a formula: exports prefix them with ', which is taken off again here. */
export const FORMULA_START = /^[=+\-@\t\r]/;
const unescapeFormula = (v: string) => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v);

/** `acknowledged@2026-03-02T09:05:00Z; pending(vendor)@…; resolved@…` */
function historyFromText(text: string): HistoryCell[] | { error: string } {
  const entries = text.split(/[;\n]/).map((e) => e.trim()).filter((e) => e !== '');
  const out: HistoryCell[] = [];
  for (const [i, entry] of entries.entries()) {
    const m = /^([a-z_ ]+?)\s*(?:\(([a-z_ ]+)\))?\s*@\s*(\S+)$/i.exec(entry);
    if (!m) return { error: `entry ${i + 1} ("${entry.slice(0, 60)}") is not status@time, e.g. resolved@2026-03-02T17:30:00Z` };
    out.push({ status: m[1]!, at: m[3]!, ...(m[2] ? { pendingReason: m[2] } : {}) });
  }
  return out;
}

export function readCsv(content: string): ReadResult {
  let rows: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    rows = parse(content, { bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof rows;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { records: [], fatal: { line: e.lines ?? null, row: 1, column: null, message: `The file is not valid CSV: ${e.message ?? String(err)}` } };
  }
  const [header, ...body] = rows;
  if (!header) return { records: [], fatal: { line: 1, row: 1, column: null, message: 'The file is empty: it needs a header row and a row per ticket.' } };
  const names = header.record.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) return { records: [], fatal: { line: 1, row: 1, column: unknown[0]!, message: `Unknown column "${unknown[0]}"; the columns are ${CSV_COLUMNS.join(', ')}.` } };
  for (const required of ['title', 'priority', 'category', 'created_at'] as const) {
    if (!names.includes(required)) return { records: [], fatal: { line: 1, row: 1, column: required, message: `The header has no ${required} column; it is required.` } };
  }
  const records = body.map((r, i): RawTicket => {
    // Where the record starts: the line it ends on, less the line breaks inside it.
    const text = r.raw.replace(/\r?\n$/, '').replace(/^(?:\r?\n)+/, '');
    const line = r.info.lines - (text.match(/\n/g) ?? []).length;
    const cells: RawTicket['cells'] = {};
    let tags: string[] = [];
    let history: RawTicket['history'] = [];
    const problem = r.record.length === names.length ? null : `the row has ${r.record.length} fields, the header ${names.length}`;
    if (problem === null) {
      names.forEach((name, j) => {
        const value = unescapeFormula(r.record[j]!);
        if (name === 'tags') tags = value.split(/[;,]/).map((t) => t.trim()).filter((t) => t !== '');
        else if (name === 'status_history') history = historyFromText(value);
        else cells[name as keyof RawTicket['cells']] = value.trim() === '' ? undefined : value;
      });
    }
    return { line, row: i + 1, format: 'csv', cells, tags, history, problem };
  });
  return { records, fatal: null };
}

// ---------------------------------------------------------------- reading JSON

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const cell = (v: unknown): Cell => (typeof v === 'string' || typeof v === 'number' ? v : v === null || v === undefined ? undefined : JSON.stringify(v));

export function readJson(content: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (err) {
    return { records: [], fatal: { line: null, row: 1, column: null, message: `The file is not valid JSON: ${(err as Error).message}` } };
  }
  if (!isObject(doc) || doc.format !== JSON_FORMAT || !Array.isArray(doc.tickets)) {
    return { records: [], fatal: { line: null, row: 1, column: 'format', message: `A JSON import is {"format": "${JSON_FORMAT}", "tickets": [...]}.` } };
  }
  const records = doc.tickets.map((t, i): RawTicket => {
    const o = isObject(t) ? t : {};
    const requester = isObject(o.requester) ? o.requester : {};
    const csat = isObject(o.csat) ? o.csat : {};
    const history = o.statusHistory === undefined ? [] : Array.isArray(o.statusHistory) ? o.statusHistory : null;
    return {
      line: null,
      row: i + 1,
      format: 'json',
      cells: {
        external_id: cell(o.externalId),
        title: cell(o.title),
        description: cell(o.description),
        requester_name: cell(requester.name),
        requester_department: cell(requester.department),
        requester_contact: cell(requester.contact),
        priority: cell(o.priority),
        category: cell(o.category),
        emergency: cell(o.emergency),
        status: cell(o.status),
        assignee: cell(o.assignee),
        tier: cell(o.tier),
        created_at: cell(o.createdAt),
        created_by: cell(o.createdBy),
        first_response_at: cell(o.firstResponseAt),
        resolved_at: cell(o.resolvedAt),
        closed_at: cell(o.closedAt),
        csat_score: cell(csat.score),
        csat_comment: cell(csat.comment),
      },
      tags: Array.isArray(o.tags) ? o.tags.map(String) : [],
      history:
        history === null
          ? { error: 'statusHistory must be a list of {status, at, pendingReason?}' }
          : history.map((h) => (isObject(h) ? { status: String(h.status ?? ''), at: cell(h.at), ...(h.pendingReason ? { pendingReason: String(h.pendingReason) } : {}) } : { status: '', at: undefined })),
      problem: isObject(t) ? null : 'each ticket is a JSON object',
    };
  });
  return { records, fatal: null };
}

// ---------------------------------------------------------------- the rules

const slug = (v: string) => v.trim().toLowerCase().replace(/&/g, ' ').replace(/[\s-]+/g, '_').replace(/_+/g, '_');

function enumValue<T extends string>(raw: string, values: readonly T[], labels: Record<T, string>): T | null {
  const s = slug(raw);
  return values.find((v) => v === s || slug(labels[v]) === s) ?? null;
}

/** ISO 8601 with a time zone (Z or ±hh:mm), or epoch milliseconds in JSON. */
function timeValue(v: Cell): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(v.trim())) return null;
  const t = Date.parse(v.trim());
  return Number.isNaN(t) ? null : t;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
const MAX_TEXT = 20_000;

export function checkRecord(raw: RawTicket, now: number): { ticket: ImportedTicket } | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const name = (c: CsvColumn) => (raw.format === 'csv' ? c : JSON_FIELDS[c]);
  const fail = (c: CsvColumn | null, message: string) => issues.push({ line: raw.line, row: raw.row, column: c === null ? null : name(c), message });
  const text = (c: keyof RawTicket['cells'], max: number) => {
    const v = raw.cells[c];
    const s = v === undefined || v === null ? '' : String(v);
    if (s.length > max) fail(c, `longer than ${max} characters`);
    return s.trim();
  };
  const time = (c: 'created_at' | 'first_response_at' | 'resolved_at' | 'closed_at') => {
    const v = raw.cells[c];
    if (v === undefined || v === null) return null;
    const t = timeValue(v);
    if (t === null) fail(c, `"${String(v).slice(0, 40)}" is not a time: use ISO 8601 with a time zone, e.g. 2026-03-02T09:05:00Z`);
    else if (t > now) fail(c, 'is in the future');
    return t;
  };

  if (raw.problem !== null) {
    fail(null, raw.problem);
    return { issues };
  }
  const title = ticketTitleSchema.safeParse(raw.cells.title === undefined ? '' : String(raw.cells.title));
  if (!title.success) fail('title', title.error.issues[0]!.message);
  const priority = raw.cells.priority === undefined ? null : enumValue(String(raw.cells.priority), PRIORITIES, PRIORITY_LABELS);
  if (priority === null) fail('priority', `one of ${PRIORITIES.map((p) => PRIORITY_LABELS[p]).join(', ')}`);
  const category = raw.cells.category === undefined ? null : enumValue(String(raw.cells.category), CATEGORIES, CATEGORY_LABELS);
  if (category === null) fail('category', `one of ${CATEGORIES.map((c) => CATEGORY_LABELS[c]).join(', ')}`);
  const emergency = raw.cells.emergency === undefined ? null : enumValue(String(raw.cells.emergency), EMERGENCY_KINDS, EMERGENCY_LABELS);
  if (raw.cells.emergency !== undefined && emergency === null) fail('emergency', `empty, or one of ${EMERGENCY_KINDS.map((e) => EMERGENCY_LABELS[e]).join(', ')}`);
  if (emergency !== null && priority !== null && priority !== 'emergency') fail('priority', `an emergency (${EMERGENCY_LABELS[emergency]}) is an Emergency`);
  const tierText = raw.cells.tier === undefined ? '1' : String(raw.cells.tier).replace(/^tier\s*/i, '');
  const tier = /^[1-4]$/.test(tierText) ? (Number(tierText) as Tier) : null;
  if (tier === null) fail('tier', 'a tier from 1 to 4');
  const assignee = raw.cells.assignee === undefined ? null : String(raw.cells.assignee).trim();
  if (assignee !== null && !USERNAME.test(assignee)) fail('assignee', 'a username: 3–32 lower-case letters, digits, dots, dashes or underscores');
  const createdBy = raw.cells.created_by === undefined ? 'import' : String(raw.cells.created_by).trim();
  if (!USERNAME.test(createdBy)) fail('created_by', 'a username: 3–32 lower-case letters, digits, dots, dashes or underscores');
  const tags = [...new Set(raw.tags.map((t) => t.trim()))];
  for (const t of tags) {
    const parsed = tagSchema.safeParse(t);
    if (!parsed.success) fail('tags', `"${t.slice(0, 40)}": ${parsed.error.issues[0]!.message}`);
  }
  if (tags.length > 20) fail('tags', 'at most 20 tags');
  const externalId = raw.cells.external_id === undefined ? null : text('external_id', 100);
  const description = text('description', MAX_TEXT);
  const requester = { name: text('requester_name', 120), department: text('requester_department', 120), contact: text('requester_contact', 200) };
  const csatComment = text('csat_comment', 2_000);

  const createdAt = time('created_at');
  if (raw.cells.created_at === undefined) fail('created_at', 'required: when the ticket was opened');
  const firstResponseAt = time('first_response_at');
  const resolvedAt = time('resolved_at');
  const closedAt = time('closed_at');

  // The history, with resolved_at and closed_at merged in.
  const changes: ImportedTicket['changes'] = [];
  if ('error' in raw.history) fail('status_history', raw.history.error);
  else {
    raw.history.forEach((h, i) => {
      const status = enumValue(h.status, STATUSES, STATUS_LABELS);
      const at = timeValue(h.at ?? null);
      const reason = h.pendingReason === undefined ? null : enumValue(h.pendingReason, PENDING_REASONS, { requester: 'requester', vendor: 'vendor', change_window: 'change window' });
      const where = `entry ${i + 1}`;
      if (status === null) fail('status_history', `${where}: "${h.status}" is not a status (${STATUSES.join(', ')})`);
      else if (at === null) fail('status_history', `${where}: "${String(h.at ?? '').slice(0, 40)}" is not an ISO 8601 time with a time zone`);
      else if (status === 'pending' && reason === null) fail('status_history', `${where}: pending needs a reason, e.g. pending(vendor)@…: ${PENDING_REASONS.join(', ')}`);
      else if (status !== 'pending' && h.pendingReason !== undefined) fail('status_history', `${where}: only pending has a reason`);
      else changes.push({ status, pendingReason: reason, at });
    });
  }
  const merge = (status: 'resolved' | 'closed', at: number | null, column: CsvColumn) => {
    if (at === null) return;
    const last = [...changes].reverse().find((c) => c.status === status);
    if (!last) changes.push({ status, pendingReason: null, at });
    else if (last.at !== at) fail(column, `disagrees with status_history, where the ticket was last ${status} at ${new Date(last.at).toISOString()}`);
  };
  merge('resolved', resolvedAt, 'resolved_at');
  merge('closed', closedAt, 'closed_at');

  if (createdAt !== null) {
    let status: TicketStatus = 'new';
    let previous = createdAt;
    for (const [i, c] of changes.entries()) {
      if (c.at < previous) {
        fail('status_history', `change ${i + 1} (${c.status}) comes before ${i === 0 ? 'the ticket was created' : 'the change before it'}`);
        break;
      }
      if (c.status !== status && !STATUS_TRANSITIONS[status].includes(c.status)) {
        fail('status_history', `change ${i + 1}: a ${STATUS_LABELS[status]} ticket cannot go to ${STATUS_LABELS[c.status]}`);
        break;
      }
      status = c.status;
      previous = c.at;
    }
    const stated = raw.cells.status === undefined ? null : enumValue(String(raw.cells.status), STATUSES, STATUS_LABELS);
    if (raw.cells.status !== undefined && stated === null) fail('status', `one of ${STATUSES.join(', ')}`);
    else if (stated !== null && stated !== status) fail('status', `is ${stated}, but the history ends ${status}`);
    if (firstResponseAt !== null) {
      const leftNew = changes[0]?.at ?? null;
      if (firstResponseAt < createdAt) fail('first_response_at', 'comes before the ticket was created');
      else if (leftNew !== null && firstResponseAt > leftNew) fail('first_response_at', `is later than the first status change (${new Date(leftNew).toISOString()}), which is the first response`);
    }
    const score = raw.cells.csat_score === undefined ? null : Number(raw.cells.csat_score);
    if (score !== null && !(Number.isInteger(score) && score >= 1 && score <= 5)) fail('csat_score', 'a whole number from 1 to 5');
    if (score === null && csatComment !== '') fail('csat_comment', 'a CSAT comment needs a csat_score');
    if (score !== null && status !== 'resolved' && status !== 'closed') fail('csat_score', 'satisfaction is recorded on resolved or closed tickets');
    if (issues.length > 0) return { issues };
    const resolvedTimes = changes.filter((c) => c.status === 'resolved' || c.status === 'closed').map((c) => c.at);
    return {
      ticket: {
        externalId,
        title: title.data!,
        description,
        requester,
        priority: priority!,
        category: category!,
        emergency,
        assignee,
        tier: tier!,
        tags,
        createdAt,
        createdBy,
        replyAt: firstResponseAt !== null && firstResponseAt < (changes[0]?.at ?? Infinity) ? firstResponseAt : null,
        changes,
        csat: score === null ? null : { score, comment: csatComment, at: Math.max(...resolvedTimes) },
      },
    };
  }
  return { issues };
}

/**
 * Reads a runbook's YAML and checks it: YAML syntax, the schema
 * (src-shared/runbooks.ts), then what a schema cannot say (unique ids, known
 * actions and their inputs, references to declared parameters and earlier
 * steps, a valid cron and time zone). Every problem names the file, line and
 * column of the node it is about, found through the yaml package's
 * LineCounter, and what was expected.
 */
import { Cron } from 'croner';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { RunbookIssue } from '../../../src-shared/contract';
import { parseDuration, runbookSchema, type RunbookDefinition } from '../../../src-shared/runbooks';
import type { ActionSet } from '../actions/action';
import { parseReference, referencesIn } from './templates';

export interface Validation {
  definition: RunbookDefinition | null;
  issues: RunbookIssue[];
  /** The id the text declares (even while invalid), for listing it. */
  declaredId: string | null;
}

type Path = Array<string | number>;

/** The node a path points at, or the nearest ancestor that exists; for a key that is wrong, the key itself. */
function nodeAt(doc: Document, path: Path, preferKey = false): Node | null {
  let node: unknown = doc.contents;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      if (preferKey && i === path.length - 1) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!item) return node;
      node = item;
    } else {
      break;
    }
  }
  return (node as Node | null) ?? null;
}

function issueAt(file: string, lines: LineCounter, range: [number, number] | undefined, path: Path, message: string): RunbookIssue {
  const [start, end] = range ?? [0, 0];
  const a = lines.linePos(start);
  const b = lines.linePos(Math.max(end, start));
  return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, path, message };
}

function zodMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unexpected key ${issue.keys.join(', ')}: not part of a runbook here`;
  if (issue.code === 'invalid_type') return issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') return `expected type to be one of string, number, boolean, one-of, connection, duration`;
  return issue.message;
}

export function validateRunbook(yaml: string, file: string, actions: ActionSet): Validation {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const declared = doc.errors.length === 0 ? (doc.toJS() as unknown) : null;
  const declaredId = declared && typeof declared === 'object' && typeof (declared as { id?: unknown }).id === 'string' ? (declared as { id: string }).id : null;

  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => issueAt(file, lines, [e.pos[0], e.pos[1]], [], `YAML: ${e.message.split('\n')[0]}`));
    return { definition: null, issues, declaredId: null };
  }
  const at = (path: Path, message: string, preferKey = false) => issueAt(file, lines, nodeAt(doc, path, preferKey)?.range?.slice(0, 2) as [number, number] | undefined, path, message);

  const parsed = runbookSchema.safeParse(declared);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (i.code === 'unrecognized_keys') return at([...path, i.keys[0] ?? ''], zodMessage(i), true);
      return at(path, `${path.at(-1) ?? 'runbook'}: ${zodMessage(i)}`);
    });
    return { definition: null, issues, declaredId };
  }
  const issues = semanticIssues(parsed.data, actions, at);
  return { definition: issues.length === 0 ? parsed.data : null, issues, declaredId };
}

function semanticIssues(def: RunbookDefinition, actions: ActionSet, at: (path: Path, message: string, preferKey?: boolean) => RunbookIssue): RunbookIssue[] {
  const issues: RunbookIssue[] = [];
  const params = new Map(def.params.map((p) => [p.name, p]));
  const seenParams = new Set<string>();
  def.params.forEach((p, i) => {
    if (seenParams.has(p.name)) issues.push(at(['params', i, 'name'], `name: ${p.name} is declared twice; each parameter once`));
    seenParams.add(p.name);
    if (p.type === 'one-of' && p.default !== undefined && !p.values.includes(p.default)) issues.push(at(['params', i, 'default'], `default: expected one of ${p.values.join(', ')}`));
    if (p.type === 'string' && p.pattern !== undefined) {
      try {
        new RegExp(p.pattern);
      } catch {
        issues.push(at(['params', i, 'pattern'], 'pattern: expected a regular expression'));
      }
    }
  });

  const earlier = new Set<string>();
  def.steps.forEach((step, i) => {
    if (earlier.has(step.id)) issues.push(at(['steps', i, 'id'], `id: ${step.id} is used by an earlier step; each step id once`));
    const act = actions.get(step.action);
    if (!act) {
      issues.push(at(['steps', i, 'action'], `action: expected one of ${[...actions.keys()].sort().join(', ')}`));
    } else {
      const shape = act.inputs.shape as Record<string, z.ZodType>;
      for (const [key, value] of Object.entries(step.with)) {
        const field = shape[key];
        if (!field) {
          issues.push(at(['steps', i, 'with', key], `unexpected input ${key} for ${step.action}: it takes ${Object.keys(shape).join(', ') || 'no inputs'}`, true));
          continue;
        }
        if (referencesIn(value).length > 0) continue;
        const checked = field.safeParse(value);
        if (!checked.success) issues.push(at(['steps', i, 'with', key, ...(checked.error.issues[0]?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol')], `${key}: ${zodMessage(checked.error.issues[0]!)}`));
      }
      for (const [key, field] of Object.entries(shape)) {
        if (!(key in step.with) && !field.safeParse(undefined).success) issues.push(at(['steps', i, 'with'], `with: ${step.action} needs the input ${key}`));
      }
    }
    const refs: Array<[Path, string]> = [
      ...Object.entries(step.with).flatMap(([k, v]) => referencesIn(v).map((r): [Path, string] => [['steps', i, 'with', k], r])),
      ...(step.when ? referencesIn(step.when).map((r): [Path, string] => [['steps', i, 'when'], r]) : []),
    ];
    for (const [path, text] of refs) {
      const ref = parseReference(text);
      if (!ref) issues.push(at(path, `\${${text}}: expected \${params.NAME}, \${steps.ID.outputs.KEY} or \${run.failed}`));
      else if (ref.kind === 'param' && !params.has(ref.name)) issues.push(at(path, `\${${text}}: no parameter ${ref.name} is declared`));
      else if (ref.kind === 'step' && !earlier.has(ref.stepId)) issues.push(at(path, `\${${text}}: ${ref.stepId} is not an earlier step`));
    }
    if (step.timeout !== undefined && (parseDuration(step.timeout) ?? 0) <= 0) issues.push(at(['steps', i, 'timeout'], 'timeout: expected a duration longer than zero'));
    earlier.add(step.id);
  });

  if (def.schedule) {
    try {
      new Cron(def.schedule.cron, { timezone: 'UTC' });
    } catch {
      issues.push(at(['schedule', 'cron'], 'cron: expected a cron pattern such as "0 6 * * *"'));
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: def.schedule.timezone });
    } catch {
      issues.push(at(['schedule', 'timezone'], 'timezone: expected an IANA time zone such as Europe/London'));
    }
    def.steps.forEach((s, i) => {
      if (s.confirm !== false) issues.push(at(['steps', i, 'confirm'], 'confirm: a scheduled runbook has nobody to confirm its steps'));
    });
    for (const p of def.params) {
      if (p.required && p.default === undefined && !(p.name in def.schedule.params)) issues.push(at(['schedule', 'params'], `params: a scheduled run needs a value for ${p.name}`));
    }
  }
  return issues;
}

/**
 * References in a step's inputs: `${params.NAME}`, `${steps.ID.outputs.KEY}`
 * (deeper keys with dots) and `${run.failed}` / `${run.id}` / `${run.actor}`.
 * A string that is one reference alone takes the referenced value with its
 * type; references inside text are written into it.
 */
export type Reference = { kind: 'param'; name: string } | { kind: 'step'; stepId: string; path: string[] } | { kind: 'run'; field: RunField };

const RUN_FIELDS = ['failed', 'id', 'actor'] as const;
type RunField = (typeof RUN_FIELDS)[number];

const REF = /\$\{\s*([^}]*?)\s*\}/g;
const WHOLE = /^\$\{\s*([^}]*?)\s*\}$/;


/** Parses one reference's text; null when it is not one Vigil knows. */
export function parseReference(text: string): Reference | null {
  const parts = text.split('.');
  if (parts[0] === 'params' && parts.length === 2 && parts[1]) return { kind: 'param', name: parts[1] };
  if (parts[0] === 'steps' && parts.length >= 4 && parts[1] && parts[2] === 'outputs') return { kind: 'step', stepId: parts[1], path: parts.slice(3) };
  if (parts[0] === 'run' && parts.length === 2 && (RUN_FIELDS as readonly string[]).includes(parts[1] ?? '')) return { kind: 'run', field: parts[1] as RunField };
  return null;
}

/** Every reference's text in a value (strings at any depth). */
export function referencesIn(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(REF)].map((m) => m[1] ?? '');
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(referencesIn);
  return [];
}

export interface Scope {
  params: Record<string, unknown>;
  outputs: ReadonlyMap<string, Record<string, unknown>>;
  run: Record<RunField, unknown>;
}

/** A reference's value; `unknown` (the symbol) when it cannot be known yet (a dry run's outputs). */
const UNRESOLVED = Symbol('unresolved');

function lookup(ref: Reference, scope: Scope): unknown {
  if (ref.kind === 'param') return scope.params[ref.name];
  if (ref.kind === 'run') return scope.run[ref.field];
  const outputs = scope.outputs.get(ref.stepId);
  if (!outputs) return UNRESOLVED;
  let value: unknown = outputs;
  for (const key of ref.path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Puts values in for references. `keep` decides what an unresolvable
 * reference becomes: the dry run keeps the reference text.
 */
export function resolve(value: unknown, scope: Scope, keep = false): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) {
      const ref = parseReference(whole[1] ?? '');
      const v = ref ? lookup(ref, scope) : undefined;
      return v === UNRESOLVED ? (keep ? value : undefined) : v;
    }
    let unresolved = false;
    const text = value.replace(REF, (all, inner: string) => {
      const ref = parseReference(inner);
      const v = ref ? lookup(ref, scope) : undefined;
      if (v === UNRESOLVED) {
        unresolved = true;
        return all;
      }
      return asText(v);
    });
    return unresolved && !keep ? text.replace(REF, '') : text;
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, scope, keep));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, scope, keep)]));
  return value;
}

/** True for a value a `when:` resolved to that means yes. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'string') return !['', 'false', '0', 'no'].includes(v.trim().toLowerCase());
  return Boolean(v);
}

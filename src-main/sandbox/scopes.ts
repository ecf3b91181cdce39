/**
 * SMART system scopes: what a token request may ask for, what it is granted,
 * and whether a grant covers a read or a search. Both the v1 form
 * (system/Patient.read) and the v2 form (system/Patient.rs) are understood.
 */
import { SERVED_TYPES, type ServedType } from './search-parameters';

export const DEFAULT_SCOPE = 'system/*.read';

/** When the narrowScopes switch is on, only these types survive a grant. */
const NARROWED_TO: readonly ServedType[] = ['Patient', 'Observation'];

const SCOPE = /^system\/(\*|[A-Z][A-Za-z]+)\.(read|\*|c?r?u?d?s?)$/;

export const SUPPORTED_SCOPES = ['*', ...SERVED_TYPES].flatMap((t) => [`system/${t}.read`, `system/${t}.rs`]);

interface Scope {
  type: string;
  permission: string;
}

function parse(scope: string): Scope | null {
  const m = SCOPE.exec(scope);
  if (!m || !m[2]) return null;
  const type = m[1] as string;
  return type === '*' || (SERVED_TYPES as readonly string[]).includes(type) ? { type, permission: m[2] } : null;
}

/**
 * The scopes granted for a request: the ones this server knows, less the ones
 * narrowing drops (a wildcard becomes the surviving types). Empty when nothing
 * asked for can be granted.
 */
export function grantScopes(requested: string | undefined, narrow: boolean): string[] {
  const asked = (requested?.trim() || DEFAULT_SCOPE).split(/\s+/);
  const granted = new Set<string>();
  for (const scope of asked) {
    const s = parse(scope);
    if (!s) continue;
    if (!narrow) granted.add(scope);
    else if (s.type === '*') NARROWED_TO.forEach((t) => granted.add(`system/${t}.${s.permission}`));
    else if ((NARROWED_TO as readonly string[]).includes(s.type)) granted.add(scope);
  }
  return [...granted];
}

export function allows(granted: readonly string[], type: string, interaction: 'read' | 'search'): boolean {
  const letter = interaction === 'read' ? 'r' : 's';
  return granted.some((scope) => {
    const s = parse(scope);
    if (!s || (s.type !== '*' && s.type !== type)) return false;
    return s.permission === 'read' || s.permission === '*' || s.permission.includes(letter);
  });
}

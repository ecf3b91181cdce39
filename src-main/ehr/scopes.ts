/**
 * SMART scopes: writing them in a vendor's style, and telling whether what a
 * token endpoint granted covers what was asked. SMART v1 writes
 * `system/Patient.read`; v2 writes `system/Patient.rs` (read + search) and
 * lets servers answer a v1 request with v2 scopes
 * (https://hl7.org/fhir/smart-app-launch/STU2/scopes-and-launch-context.html),
 * so coverage is compared on permissions, not on spelling.
 */
export const SCOPE_STYLES = ['smart-v1', 'smart-v2'] as const;
export type ScopeStyle = (typeof SCOPE_STYLES)[number];

export function systemReadScope(style: ScopeStyle, resourceType: string): string {
  return `system/${resourceType}.${style === 'smart-v1' ? 'read' : 'rs'}`;
}

interface ResourceScope {
  context: string;
  resource: string;
  permissions: Set<string>;
  /** v2 finer-grained scopes (`?category=…`) restrict what they grant. */
  query: string;
}

const RESOURCE_SCOPE = /^(system|user|patient)\/([A-Za-z]+|\*)\.(read|write|\*|c?r?u?d?s?)(\?.+)?$/;
const V1_PERMISSIONS: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

function parse(scope: string): ResourceScope | undefined {
  const m = RESOURCE_SCOPE.exec(scope);
  if (!m || m[3] === '') return undefined;
  const letters = V1_PERMISSIONS[m[3]!] ?? m[3]!;
  return { context: m[1]!, resource: m[2]!, permissions: new Set(letters), query: m[4] ?? '' };
}

function covers(granted: string, requested: string): boolean {
  if (granted === requested) return true;
  const g = parse(granted);
  const r = parse(requested);
  if (!g || !r || g.context !== r.context) return false;
  if (g.resource !== '*' && g.resource !== r.resource) return false;
  if (g.query !== '' && g.query !== r.query) return false;
  return [...r.permissions].every((p) => g.permissions.has(p));
}

export interface TokenGrant {
  requested: string[];
  /** null when the token response carried no `scope` (SMART requires one). */
  granted: string[] | null;
  /** Requested scopes that no granted scope covers: the server narrowed the grant. */
  missing: string[];
  /** ISO time of the token response. */
  at: string;
}

export function compareGrant(requested: string[], grantedText: string | undefined, at: Date): TokenGrant {
  if (grantedText === undefined) return { requested, granted: null, missing: [], at: at.toISOString() };
  const granted = grantedText.split(/\s+/).filter(Boolean);
  const missing = requested.filter((r) => !granted.some((g) => covers(g, r)));
  return { requested, granted, missing, at: at.toISOString() };
}

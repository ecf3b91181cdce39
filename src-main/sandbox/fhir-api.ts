/**
 * The FHIR REST read side: read, vread, history and search over the sample
 * data, answered by @medplum/fhir-router on a MemoryRepository. This file only
 * adapts HTTP to it: which types exist, what a search may contain, and the
 * URLs in a Bundle that only the HTTP layer knows.
 *
 * The sandbox is read-only, so every virtual endpoint can share one data set.
 */
import { getStatus } from '@medplum/core';
import { FhirRouter, MemoryRepository, type FhirRequest } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { fhir, outcome, type SandboxResponse } from './responses';
import { ensureSearchParametersIndexed, isServedType, searchable, SERVED_TYPES, type ServedType } from './search-parameters';

/** Search controls medplum's parser understands; anything else must be a search parameter of the type. */
const CONTROL_PARAMS = new Set(['_sort', '_count', '_offset', '_total', '_summary', '_elements', '_format', '_pretty']);
const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;

export interface FhirTarget {
  type: ServedType;
  interaction: 'read' | 'search';
}

/** What a path under the FHIR base asks for, or null when it names no served type. */
export function fhirTarget(path: string): FhirTarget | null {
  const [type, id] = path.split('/');
  if (!type || !isServedType(type)) return null;
  return { type, interaction: id ? 'read' : 'search' };
}

export class FhirApi {
  private readonly repo = new MemoryRepository();
  private readonly router = new FhirRouter();

  private constructor() {}

  static async create(resources: Resource[]): Promise<FhirApi> {
    ensureSearchParametersIndexed();
    const api = new FhirApi();
    for (const resource of resources) await api.repo.createResource(resource);
    return api;
  }

  /**
   * @param path what follows the FHIR base, such as "Patient/123" or "Observation"
   * @param baseUrl the base the client used, for fullUrl and paging links
   * @param strict the client sent "Prefer: handling=strict": unknown parameters are an error, not ignored
   */
  async get(path: string, query: URLSearchParams, baseUrl: string, strict: boolean): Promise<SandboxResponse> {
    const target = fhirTarget(path);
    if (!target) {
      return outcome(404, 'not-found', `Unknown resource type in "${path}". This server serves ${SERVED_TYPES.join(', ')}.`);
    }
    const params = target.interaction === 'search' ? searchParams(target.type, query, strict) : new URLSearchParams();
    if (typeof params === 'string') return outcome(400, 'not-supported', params);

    const search = params.toString();
    const request: FhirRequest = {
      method: 'GET',
      url: search ? `${path}?${search}` : path,
      // The router fills pathname in itself and refuses a request that already has one.
      pathname: '',
      body: undefined,
      params: {},
      query: toRecord(params),
    };
    const [result, resource] = await this.router.handleRequest(request, this.repo);
    const status = getStatus(result);
    if (!resource) return fhir(status, result);
    if (resource.resourceType === 'Bundle' && resource.type === 'searchset') {
      return fhir(status, withUrls(resource, `${baseUrl}/${target.type}`, params, baseUrl));
    }
    return fhir(status, resource);
  }
}

/**
 * The search as the repository should see it, or why it cannot be run.
 * Unknown parameters are dropped (FHIR's default "lenient" handling) unless the
 * client asked for strict handling. A reference given as a bare id is
 * qualified with its only possible type, as the spec allows clients to send
 * Observation?patient=123 and medplum's matcher compares whole references.
 */
function searchParams(type: ServedType, query: URLSearchParams, strict: boolean): URLSearchParams | string {
  const out = new URLSearchParams();
  for (const [key, value] of query) {
    const code = key.split(':')[0] ?? key;
    if (CONTROL_PARAMS.has(code)) {
      out.append(key, value);
      continue;
    }
    const definition = searchable(type, code);
    if (!definition) {
      if (strict) return `Unknown search parameter "${code}" for ${type}.`;
      continue;
    }
    const only = definition.type === 'reference' && definition.target?.length === 1 ? definition.target[0] : undefined;
    out.append(key, only && !value.includes('/') ? `${only}/${value}` : value);
  }
  // _summary=count asks for the total alone; medplum reads it as a page size of 0, which a default must not override.
  if (out.get('_summary') !== 'count') {
    const count = Number.parseInt(out.get('_count') ?? '', 10);
    out.set('_count', String(Number.isNaN(count) ? DEFAULT_PAGE : Math.min(Math.max(count, 0), MAX_PAGE)));
  }
  return out;
}

function toRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return record;
}

function withUrls(bundle: Bundle, searchUrl: string, params: URLSearchParams, baseUrl: string): Bundle {
  const count = Number(params.get('_count'));
  const offset = Number(params.get('_offset') ?? 0);
  const link: Bundle['link'] = [{ relation: 'self', url: `${searchUrl}?${params}` }];
  if (bundle.total !== undefined && count > 0 && offset + count < bundle.total) {
    const next = new URLSearchParams(params);
    next.set('_offset', String(offset + count));
    link.push({ relation: 'next', url: `${searchUrl}?${next}` });
  }
  const entry = bundle.entry?.map((e) => ({
    fullUrl: e.resource ? `${baseUrl}/${e.resource.resourceType}/${e.resource.id}` : undefined,
    ...e,
    search: { mode: 'match' as const },
  }));
  return { ...bundle, link, ...(entry && { entry }) };
}

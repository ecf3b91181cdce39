/** Connections, diagnostics and vendor profiles as main sends them, and a console serving them, for the Connections screen tests. */
import { fhirConnectionConfigSchema, type FhirConnectionInput } from '../../../src-shared/connection-config';
import type { ChannelOutput, CheckId, CheckResult, Connection, Diagnostics, PatientSnapshot, UserSummary } from '../../../src-shared/contract';
import { NOW, ok, signedInAs, type FakeVigil, type Handlers } from './harness';

export type VendorProfile = ChannelOutput<'ehr.vendors'>['vendors'][number];

export const VENDORS: VendorProfile[] = [
  {
    id: 'epic',
    label: 'Epic',
    rateLimitPerHour: 600,
    rateLimitNote: 'Confirm it with the customer.',
    defaultAuthMode: 'private_key_jwt',
    scopeStyle: 'smart-v1',
    defaultScopes: ['system/Patient.read', 'system/Observation.read'],
    sandboxes: [
      {
        label: 'Epic on FHIR sandbox (R4)',
        baseUrl: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
        authMode: 'private_key_jwt',
        tokenEndpoint: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
      },
    ],
    quirks: ['A client assertion must expire no more than 5 minutes after it is issued and its jti may be used only once.'],
  },
  {
    id: 'cerner',
    label: 'Oracle Health (Cerner)',
    rateLimitPerHour: 10_000,
    rateLimitNote: 'Confirm the tenant’s allowance with Oracle Health.',
    defaultAuthMode: 'client_secret_basic',
    scopeStyle: 'smart-v1',
    defaultScopes: ['system/Patient.read'],
    sandboxes: [
      { label: 'Oracle Health open sandbox (R4, no sign-in)', baseUrl: 'https://fhir-open.cerner.com/r4/tenant', authMode: 'none' },
    ],
    quirks: ['The authorization server can grant fewer scopes than requested without an error.'],
  },
  {
    id: 'generic',
    label: 'FHIR R4 server',
    rateLimitPerHour: 3_600,
    rateLimitNote: 'No vendor figure.',
    defaultAuthMode: 'private_key_jwt',
    scopeStyle: 'smart-v2',
    defaultScopes: ['system/*.rs'],
    sandboxes: [],
    quirks: [],
  },
];

/** A signed-in console whose main lists these connections and knows the VENDORS. */
export function connectionsConsole(u: UserSummary, connections: Connection[], more: Handlers = {}): FakeVigil {
  return signedInAs(u, {
    'connections.list': () => ok({ connections }),
    'ehr.vendors': () => ok({ vendors: VENDORS }),
    ...more,
  });
}

export function connection(id: number, config: Partial<FhirConnectionInput> = {}, rest: Partial<Omit<Connection, 'id' | 'config'>> = {}): Connection {
  return {
    id,
    config: fhirConnectionConfigSchema.parse({
      name: `Connection ${id}`,
      vendor: 'generic',
      baseUrl: `https://ehr${id}.example.org/fhir/r4`,
      authMode: 'none',
      ...config,
    }),
    hasSecret: false,
    publicJwks: null,
    keyCreatedAt: null,
    sandbox: false,
    createdAt: Date.UTC(2025, 10, 20, 8),
    updatedAt: Date.UTC(2025, 10, 20, 8),
    lastTest: null,
    ...rest,
  };
}

const LABELS: Record<CheckId, string> = {
  capability: 'CapabilityStatement',
  smart: 'SMART configuration',
  token: 'Access token',
  patient: 'Patient search',
  cds: 'CDS Hooks discovery',
  auditEvent: 'AuditEvent',
  tls: 'TLS certificate',
};

export function check(id: CheckId, status: CheckResult['status'], overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    check: id,
    label: LABELS[id],
    optional: id === 'cds' || id === 'auditEvent',
    status,
    ms: status === 'running' || status === 'skip' ? null : 42,
    summary: `${LABELS[id]}: ${status}`,
    error: null,
    facts: {},
    ...overrides,
  };
}

export const NETWORK_ERROR: NonNullable<CheckResult['error']> = {
  kind: 'NETWORK',
  kbCode: 'network_unreachable',
  guidance: 'The endpoint could not be reached: check the base URL, DNS, firewall rules and the proxy setting.',
  message: 'connect ECONNREFUSED 127.0.0.1:4999',
  serverText: null,
};

export function diagnostics(connectionId: number, checks: CheckResult[], finishedAt = NOW): Diagnostics {
  const status = checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'pass';
  return {
    runId: `run-${connectionId}-${finishedAt}`,
    connectionId,
    startedAt: finishedAt - 1500,
    finishedAt,
    status,
    checks,
  };
}

export function allPassing(connectionId: number, finishedAt?: number): Diagnostics {
  return diagnostics(
    connectionId,
    (['capability', 'smart', 'token', 'patient', 'cds', 'auditEvent', 'tls'] as const).map((id) => check(id, 'pass')),
    finishedAt,
  );
}

export const MASKED_SNAPSHOT: PatientSnapshot = {
  masked: true,
  patientRef: 'pt_7f3a9c',
  patient: { name: 'J*** D***', gender: 'female', birthDate: null, identifiers: ['MRN ••••21'] },
  observations: [{ date: null, code: '8867-4', display: 'Heart rate', value: '72 /min' }],
  medicationRequests: [{ date: null, medication: 'Metformin 500 mg', status: 'active' }],
  fetchedMs: 38,
};

export const REVEALED_SNAPSHOT: PatientSnapshot = {
  ...MASKED_SNAPSHOT,
  masked: false,
  patient: { name: 'Jane Doe', gender: 'female', birthDate: '1970-04-02', identifiers: ['MRN 00012321'] },
  observations: [{ date: '2025-11-19', code: '8867-4', display: 'Heart rate', value: '72 /min' }],
};

/**
 * What a sandbox route answers, before the fault switches decide how it goes
 * out on the wire.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export interface SandboxResponse {
  status: number;
  contentType: string;
  body: unknown;
  headers?: Record<string, string>;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export function fhir(status: number, resource: unknown, headers?: Record<string, string>): SandboxResponse {
  return { status, contentType: FHIR_JSON, body: resource, headers };
}

export function json(body: unknown, headers?: Record<string, string>): SandboxResponse {
  return { status: 200, contentType: JSON_TYPE, body, headers };
}

/** Prometheus text exposition format 0.0.4. */
export function exposition(body: string): SandboxResponse {
  return { status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8', body };
}

export function outcome(
  status: number,
  code: OperationOutcomeIssue['code'],
  diagnostics: string,
  headers?: Record<string, string>,
): SandboxResponse {
  const body: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: status >= 500 ? 'fatal' : 'error', code, diagnostics }],
  };
  return fhir(status, body, headers);
}

/** RFC 6749 §5.2 error body; responses carrying tokens or their errors are never cached. */
export function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): SandboxResponse {
  return {
    status,
    contentType: JSON_TYPE,
    body: { error, error_description: description },
    headers: { 'cache-control': 'no-store', ...headers },
  };
}

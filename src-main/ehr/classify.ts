/** Turning transport failures and HTTP answers from a FHIR server into FhirErrors. */
import { FhirError, safeUrl } from './errors';
import type { Resource } from 'fhir/r4';
import { header, OutboundRefusedError, parseRetryAfter } from '../net';
import type { ExchangeResponse } from './http/exchange';
import { TlsVerificationError } from './http/transport';
import { isConsentRefusal, outcomeIssues, summariseIssues } from './operation-outcome';

const TIMEOUT_CODES: Record<string, 'connect' | 'headers' | 'body'> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  ETIMEDOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

const TLS_CODE = /CERT|^ERR_TLS_|^ERR_SSL_|^EPROTO$|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects report every address tried in an AggregateError.
  if (err instanceof AggregateError) return errorCode(err.errors[0]);
  return errorCode((err as { cause?: unknown }).cause);
}

function describeTls(e: TlsVerificationError): string {
  const c = e.certificate;
  return c ? ` (subject ${c.subject}; issuer ${c.issuer}; expires ${c.validTo})` : '';
}

export interface TransportContext {
  maxResponseBytes: number;
  /** The caller's signal, to tell a cancellation from a failure. */
  signal?: AbortSignal;
}

export function transportError(err: unknown, url: URL, ctx: TransportContext): FhirError {
  if (err instanceof FhirError) return err;
  const where = safeUrl(url);
  const host = url.host;
  if (err instanceof TlsVerificationError) {
    return new FhirError('TLS', `TLS certificate of ${host} refused: ${err.code}${describeTls(err)}`, {
      url: where,
      tls: err.certificate,
      cause: err,
    });
  }
  if (ctx.signal?.aborted) {
    return new FhirError('TIMEOUT', `request to ${host} was cancelled`, { url: where, cause: err });
  }
  // Refused by the outbound rules when the name resolved: the message says which address and what to do.
  if (err instanceof OutboundRefusedError) return new FhirError('NETWORK', err.message, { url: where, cause: err });
  const code = errorCode(err) ?? 'UNKNOWN';
  const phase = TIMEOUT_CODES[code];
  if (phase) {
    return new FhirError('TIMEOUT', `${host} timed out waiting for the ${phase === 'connect' ? 'connection' : phase} (${code})`, {
      url: where,
      timeoutPhase: phase,
      cause: err,
    });
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return new FhirError('MALFORMED_RESPONSE', `response from ${host} exceeded the ${ctx.maxResponseBytes}-byte limit`, {
      url: where,
      cause: err,
    });
  }
  if (TLS_CODE.test(code)) {
    return new FhirError('TLS', `TLS with ${host} failed (${code})`, { url: where, cause: err });
  }
  return new FhirError('NETWORK', `could not reach ${host} (${code})`, { url: where, cause: err });
}

/** The `error` parameter of a Bearer challenge (RFC 6750 §3), e.g. insufficient_scope. */
function bearerError(res: ExchangeResponse): string | undefined {
  return /error="([^"]+)"/.exec(header(res.headers, 'www-authenticate') ?? '')?.[1];
}

/** The error for a non-2xx answer from a FHIR endpoint. */
export function responseError(res: ExchangeResponse, url: URL, nowMs: number): FhirError {
  const where = safeUrl(url);
  const issues = outcomeIssues(res.json);
  const summary = summariseIssues(issues);
  const said = summary.coded ? `: ${summary.coded}` : '';
  const details = { status: res.status, issues, url: where, ...(summary.text ? { serverText: summary.text } : {}) };
  const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'), nowMs);
  const s = res.status;
  if (s === 401) {
    const code = bearerError(res);
    return new FhirError('AUTH', `${url.host} refused the credentials (401${code ? ` ${code}` : ''})${said}`, details);
  }
  if (s === 403) {
    if (isConsentRefusal(issues)) return new FhirError('CONSENT', `${url.host} withheld the data for consent or privacy reasons (403)${said}`, details);
    const code = bearerError(res);
    return new FhirError('SCOPE', `${url.host} refused access: the granted scopes do not cover it (403${code ? ` ${code}` : ''})${said}`, details);
  }
  if (s === 404 || s === 410) return new FhirError('NOT_FOUND', `${where} not found (${s})${said}`, details);
  if (s === 429) {
    const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    return new FhirError('RATE_LIMITED', `${url.host} is rate limiting this client (429${wait})`, { ...details, retryAfterMs });
  }
  if (s >= 500) return new FhirError('SERVER', `${url.host} answered with a server error (${s})${said}`, { ...details, retryAfterMs });
  if (s >= 400) return new FhirError('VALIDATION', `${url.host} rejected the request (${s})${said}`, details);
  const location = header(res.headers, 'location');
  return new FhirError(
    'MALFORMED_RESPONSE',
    `${url.host} answered ${s}${location ? ` redirecting to ${safeUrl(new URL(location, url))}` : ''} instead of FHIR JSON`,
    details,
  );
}

/** The JSON object in a 2xx answer; throws MALFORMED_RESPONSE for anything else. */
export function jsonObjectBody(res: ExchangeResponse, url: URL): Record<string, unknown> {
  const body = res.json;
  if (!res.invalidJson && typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  const what = res.invalidJson ? `${res.bytes} bytes that are not valid JSON` : res.bytes === 0 ? 'an empty body' : 'JSON that is not an object';
  throw malformed(url, res, what);
}

/** The FHIR resource in a 2xx answer; throws MALFORMED_RESPONSE for anything else. */
export function resourceBody(res: ExchangeResponse, url: URL): Resource {
  const body = jsonObjectBody(res, url);
  if (typeof body.resourceType !== 'string') throw malformed(url, res, 'JSON without a resourceType');
  // Only resourceType is checked: callers read the fields they need defensively.
  return body as unknown as Resource;
}

function malformed(url: URL, res: ExchangeResponse, what: string): FhirError {
  return new FhirError('MALFORMED_RESPONSE', `${url.host} answered ${res.status} with ${what}`, { status: res.status, url: safeUrl(url) });
}

/**
 * Every failure of an EHR call ends as one FhirError with a kind, the
 * knowledge-base article it maps to and one line telling the operator what to
 * check. Messages never carry secrets, bearer tokens or response bodies (a body
 * may hold PHI); structured facts travel in the fields instead.
 */
import type { OutcomeIssue } from './operation-outcome';
import type { TlsCertificateInfo } from './http/tls-certificate';

import { FHIR_ERROR_KINDS, type FhirErrorKind } from '../../src-shared/fhir-errors';

export { FHIR_ERROR_KINDS, type FhirErrorKind } from '../../src-shared/fhir-errors';

interface KindInfo {
  kbCode: string;
  guidance: string;
  /** Worth another attempt for an idempotent request. */
  transient: boolean;
}

const KINDS: Record<FhirErrorKind, KindInfo> = {
  AUTH: {
    kbCode: 'smart_auth_error',
    guidance:
      'Check the client ID, the registered public key or client secret and the token endpoint; a workstation clock that is minutes off also breaks signed assertions.',
    transient: false,
  },
  SCOPE: {
    kbCode: 'smart_scope_error',
    guidance: "Compare the requested scopes with what the vendor enabled for this client and ask the EHR team to grant the missing ones.",
    transient: false,
  },
  RATE_LIMITED: {
    kbCode: 'fhir_rate_limited',
    guidance: "Requests exceed the vendor's limit: lower the polling frequency or the connection's rate limit, or ask the vendor for a higher allowance.",
    transient: true,
  },
  TIMEOUT: {
    kbCode: 'fhir_timeout',
    guidance: "The server or the network is too slow: check the endpoint's status page and this connection's timeouts.",
    transient: true,
  },
  NETWORK: {
    kbCode: 'network_unreachable',
    guidance: 'The endpoint could not be reached: check the base URL, DNS, firewall rules and the proxy setting.',
    transient: true,
  },
  TLS: {
    kbCode: 'tls_certificate_error',
    guidance:
      "The server's certificate was not trusted: check its expiry, issuer and host name, and add the organisation's CA bundle if it uses a private CA.",
    transient: false,
  },
  SERVER: {
    kbCode: 'fhir_server_error',
    guidance: "The EHR answered with a server error: check the vendor's status page, retry later and escalate if it persists.",
    transient: true,
  },
  VALIDATION: {
    kbCode: 'fhir_validation_error',
    guidance: 'The server rejected the request as invalid: read the OperationOutcome issues for the element at fault.',
    transient: false,
  },
  CONSENT: {
    kbCode: 'patient_consent_required',
    guidance: "The patient's consent or privacy rules withhold this data: follow the organisation's consent (or break-the-glass) procedure.",
    transient: false,
  },
  NOT_FOUND: {
    kbCode: 'fhir_not_found',
    guidance: 'The resource or endpoint does not exist: check the resource id and the base URL, including any tenant path.',
    transient: false,
  },
  MALFORMED_RESPONSE: {
    kbCode: 'fhir_malformed_response',
    guidance:
      'The reply was not usable FHIR JSON: check that the base URL points at the FHIR endpoint and not at a proxy, a login page or a different API.',
    transient: false,
  },
};

/** Every knowledge-base code an EHR failure can carry: the knowledge base has an article for each. */
export const EHR_KB_CODES: readonly string[] = FHIR_ERROR_KINDS.map((kind) => KINDS[kind].kbCode);

export type TimeoutPhase = 'connect' | 'headers' | 'body';

export interface FhirErrorDetails {
  status?: number;
  issues?: OutcomeIssue[];
  tls?: TlsCertificateInfo;
  retryAfterMs?: number;
  /** The OAuth `error` code from a token endpoint. */
  oauthError?: string;
  timeoutPhase?: TimeoutPhase;
  /** Origin and path only: query strings can carry patient identifiers. */
  url?: string;
  /**
   * What the server said in its own words (OperationOutcome diagnostics, an
   * OAuth error_description). Never part of the message: it can quote
   * patient data, so it is shown, redacted, only to roles that may see PHI.
   */
  serverText?: string;
  cause?: unknown;
}

export class FhirError extends Error {
  override readonly name = 'FhirError';
  readonly kind: FhirErrorKind;
  readonly kbCode: string;
  readonly guidance: string;
  readonly status?: number;
  readonly issues: OutcomeIssue[];
  readonly tls?: TlsCertificateInfo;
  readonly retryAfterMs?: number;
  readonly oauthError?: string;
  readonly timeoutPhase?: TimeoutPhase;
  readonly url?: string;
  readonly serverText?: string;

  constructor(kind: FhirErrorKind, message: string, details: FhirErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.kbCode = KINDS[kind].kbCode;
    this.guidance = KINDS[kind].guidance;
    this.status = details.status;
    this.issues = details.issues ?? [];
    this.tls = details.tls;
    this.retryAfterMs = details.retryAfterMs;
    this.oauthError = details.oauthError;
    this.timeoutPhase = details.timeoutPhase;
    this.url = details.url;
    this.serverText = details.serverText;
  }

  get transient(): boolean {
    return KINDS[this.kind].transient;
  }

  /** The diagnostic record monitoring and tickets store; no cause chain. */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      kbCode: this.kbCode,
      message: this.message,
      guidance: this.guidance,
      status: this.status,
      issues: this.issues,
      tls: this.tls,
      retryAfterMs: this.retryAfterMs,
      oauthError: this.oauthError,
      timeoutPhase: this.timeoutPhase,
      url: this.url,
    };
  }
}

/** `https://host/base/Patient?name=x` → `https://host/base/Patient`. */
export function safeUrl(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return `${u.origin}${u.pathname}`;
}

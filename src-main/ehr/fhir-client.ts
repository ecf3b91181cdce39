/**
 * A FHIR R4 client for one EHR connection. Every call goes through, in order:
 * the connection's rate limiter, its authenticator, the circuit breakers of
 * its base URLs (primary first, the secondary while the primary's circuit is
 * open), one HTTP exchange, and classification of the outcome. Idempotent
 * calls are retried on transient failures; a 401 on a token gets one refresh
 * and one retry. Each result carries its timing for diagnostics.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../log';
import { createAuthenticator, type EhrSecrets } from './auth/authenticator';
import { jsonObjectBody, resourceBody, responseError, transportError } from './classify';
import { CircuitBreaker, type BreakerSnapshot } from './circuit-breaker';
import { storedConnectionConfigSchema, usesTokenEndpoint, type FhirConnectionInput } from '../../src-shared/connection-config';
import { OutboundGuard } from '../net';
import { FhirError } from './errors';
import type { Bundle, CapabilityStatement, Resource } from 'fhir/r4';
import { exchange, type ExchangeRequest, type ExchangeResponse } from './http/exchange';
import type { TlsCertificateInfo } from './http/tls-certificate';
import { createTransport } from './http/transport';
import { createRateLimiter } from './rate-limiter';
import { retryDelayMs } from './retry';
import type { TokenGrant } from './scopes';
import { readSmartConfiguration, tokenEndpointFromCapabilityStatement, type SmartConfiguration } from './smart-discovery';
import { VENDOR_PROFILES, type VendorProfile } from './vendors';

export interface FhirClientDeps {
  secrets: EhrSecrets;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1); drives the retry jitter. */
  random?: () => number;
  log?: Logger;
  /** How long before expiry a token is replaced (default 60 s). */
  tokenSkewMs?: number;
  /** The admin's outbound exceptions; without it, link-local and metadata addresses are refused outright. */
  outbound?: OutboundGuard;
}

export interface Timing {
  totalMs: number;
  /** Time spent waiting for the rate limiter. */
  rateLimitWaitMs: number;
  /** Time spent in backoff between attempts. */
  retryWaitMs: number;
}

export interface FhirResult<T> {
  data: T;
  status: number;
  /** The base URL that answered (the secondary during failover). */
  baseUrl: string;
  attempts: number;
  timing: Timing;
}

export interface TokenInfo {
  /** ISO time. The token itself never leaves the client. */
  expiresAt: string;
  fromCache: boolean;
  grant: TokenGrant | null;
  timing: { totalMs: number };
}

export type SearchParams = URLSearchParams | Record<string, string | number | Array<string | number>>;

export interface RequestOptions {
  method?: ExchangeRequest['method'];
  query?: SearchParams;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** false: send no OAuth token (discovery documents are public). HTTP basic is always sent. */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface FhirClient {
  readonly name: string;
  readonly vendor: VendorProfile;
  read<T extends Resource = Resource>(type: string, id: string, opts?: RequestOptions): Promise<FhirResult<T>>;
  search<T extends Resource = Resource>(type: string, params?: SearchParams, opts?: RequestOptions): Promise<FhirResult<Bundle<T>>>;
  metadata(opts?: RequestOptions): Promise<FhirResult<CapabilityStatement>>;
  smartConfiguration(opts?: RequestOptions): Promise<FhirResult<SmartConfiguration>>;
  token(): Promise<TokenInfo>;
  /** Any call relative to the base URL (or an absolute URL under it, such as a Bundle's next link). */
  request<T = unknown>(path: string, opts?: RequestOptions): Promise<FhirResult<T>>;
  breakerState(): BreakerSnapshot[];
  /** What the last token response granted against what was requested. */
  readonly lastGrant: TokenGrant | null;
  /** The certificate a TLS base URL last presented (direct connections only). */
  tlsCertificate(baseUrl?: string): TlsCertificateInfo | undefined;
  close(): Promise<void>;
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const RESOURCE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function appendQuery(url: URL, query: SearchParams | undefined): void {
  if (!query) return;
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  for (const [k, v] of entries) for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
}

export function createFhirClient(input: FhirConnectionInput, deps: FhirClientDeps): FhirClient {
  // Stored settings from before https was required still build a client; its transport refuses plain http.
  const config = storedConnectionConfigSchema.parse(input);
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? ((ms: number) => delay(ms));
  const random = deps.random ?? Math.random;
  const log = deps.log;
  const profile = VENDOR_PROFILES[config.vendor];
  const transport = createTransport({ ...config.timeouts, maxResponseBytes: config.maxResponseBytes, maxConnections: config.maxConnections, caBundle: config.caBundle, proxyUrl: config.proxyUrl, outbound: deps.outbound ?? new OutboundGuard(), allowPlainHttp: config.allowPlainHttp });
  const limiter = createRateLimiter(config.rateLimitPerHour ?? profile.rateLimitPerHour, { clock, sleep });
  const onBreakerChange = (from: string, to: string, b: CircuitBreaker) =>
    log?.warn('ehr.breaker', { connection: config.name, baseUrl: b.baseUrl, from, to, lastFailure: b.lastFailure?.kind ?? null });
  const bases = [config.baseUrl, ...(config.secondaryBaseUrl ? [config.secondaryBaseUrl] : [])];
  const breakers = bases.map((b) => new CircuitBreaker(b, config.breaker, clock, onBreakerChange));

  const auth = createAuthenticator({
    config,
    secrets: deps.secrets,
    dispatcher: transport.dispatcher,
    clock,
    sleep,
    random,
    tokenEndpoint: () => tokenEndpoint(),
    tokenSkewMs: deps.tokenSkewMs ?? 60_000,
    log,
  });

  /** The part after the base URL; absolute URLs must lie under one of this connection's bases. */
  function relative(path: string): string {
    if (!/^https?:\/\//i.test(path)) return path.replace(/^\/+/, '');
    const base = bases.find((b) => path === b || path.startsWith(`${b}/`) || path.startsWith(`${b}?`));
    if (base === undefined) {
      throw new FhirError('VALIDATION', 'Refusing to send this connection’s credentials to a URL outside its base URLs.');
    }
    return path.slice(base.length).replace(/^\/+/, '');
  }

  function route(): CircuitBreaker {
    const open = breakers.find((b) => b.tryAcquire());
    if (open) return open;
    const last = breakers[0]!.lastFailure;
    throw new FhirError(last?.kind ?? 'NETWORK', `circuit open for ${bases.join(' and ')}; last failure: ${last?.message ?? 'unknown'}`, {
      status: last?.status,
      tls: last?.tls,
    });
  }

  async function send<T>(path: string, opts: RequestOptions, parse: (res: ExchangeResponse, url: URL) => T): Promise<FhirResult<T>> {
    const started = performance.now();
    const method = opts.method ?? 'GET';
    const idempotent = method === 'GET' || method === 'HEAD';
    const rel = relative(path);
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const timing = { rateLimitWaitMs: 0, retryWaitMs: 0 };
    let attempts = 0;
    let retries = 0;
    let refreshed = false;
    for (;;) {
      timing.rateLimitWaitMs += await limiter.acquire();
      const authorization = opts.auth === false && usesTokenEndpoint(config.authMode) ? undefined : await auth.authorization();
      const breaker = route();
      const [pathPart, queryPart] = rel.split(/\?(.*)/s);
      const url = new URL(`${breaker.baseUrl}/${pathPart ?? ''}${queryPart ? `?${queryPart}` : ''}`);
      appendQuery(url, opts.query);
      const headers: Record<string, string> = {
        accept: 'application/fhir+json',
        ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
        ...opts.headers,
        ...(authorization ? { authorization } : {}),
      };
      attempts += 1;
      let failure: FhirError;
      try {
        const res = await exchange(transport.dispatcher, { url, method, headers, body, signal: opts.signal });
        if (res.status >= 200 && res.status < 300) {
          const data = parse(res, url);
          breaker.recordSuccess();
          const totalMs = performance.now() - started;
          return { data, status: res.status, baseUrl: breaker.baseUrl, attempts, timing: { totalMs, ...timing } };
        }
        failure = responseError(res, url, clock.now());
      } catch (err) {
        failure = transportError(err, url, { maxResponseBytes: config.maxResponseBytes, signal: opts.signal });
      }
      breaker.record(failure);
      if (failure.status === 401 && !refreshed && auth.refused(authorization)) {
        refreshed = true;
        log?.info('ehr.token.refused', { connection: config.name, url: failure.url });
        continue;
      }
      const wait = idempotent && !opts.signal?.aborted ? retryDelayMs(failure, retries, config.retry, random) : undefined;
      if (wait === undefined) throw failure;
      log?.debug('ehr.retry', { connection: config.name, url: failure.url, kind: failure.kind, status: failure.status ?? null, attempt: attempts, delayMs: wait });
      await sleep(wait);
      timing.retryWaitMs += wait;
      retries += 1;
    }
  }

  const smartConfiguration = (opts: RequestOptions = {}) =>
    send('.well-known/smart-configuration', { ...opts, auth: false }, (res, url) => readSmartConfiguration(jsonObjectBody(res, url)));

  const metadata = (opts: RequestOptions = {}) =>
    send('metadata', { auth: false, ...opts }, (res, url) => {
      const r = resourceBody(res, url);
      if (r.resourceType !== 'CapabilityStatement') {
        throw new FhirError('MALFORMED_RESPONSE', `${url.host}/metadata answered a ${r.resourceType.slice(0, 64)}, not a CapabilityStatement`, { status: res.status });
      }
      return r as CapabilityStatement;
    });

  async function discoverTokenEndpoint(): Promise<string> {
    let found: string | undefined;
    try {
      found = (await smartConfiguration()).data.tokenEndpoint;
    } catch (err) {
      // Unreachable is unreachable: only a missing or odd document sends us to the fallback.
      if (!(err instanceof FhirError) || err.transient) throw err;
    }
    found ??= tokenEndpointFromCapabilityStatement((await metadata()).data);
    if (!found) {
      throw new FhirError('AUTH', 'No token endpoint in smart-configuration or the CapabilityStatement: enter it in the connection settings.');
    }
    if (new URL(found).protocol === 'http:' && new URL(config.baseUrl).protocol === 'https:') {
      throw new FhirError('AUTH', `Refusing to send credentials to the plain-http token endpoint ${new URL(found).host} advertised by an https server.`);
    }
    return found;
  }

  let discovered: Promise<string> | undefined;
  function tokenEndpoint(): Promise<string> {
    if (config.tokenEndpoint) return Promise.resolve(config.tokenEndpoint);
    discovered ??= discoverTokenEndpoint().catch((err: unknown) => {
      discovered = undefined;
      throw err;
    });
    return discovered;
  }

  const asResource = <T extends Resource>(res: ExchangeResponse, url: URL) => resourceBody(res, url) as T;

  return {
    name: config.name,
    vendor: profile,
    read<T extends Resource>(type: string, id: string, opts: RequestOptions = {}) {
      if (!RESOURCE_TYPE.test(type) || !RESOURCE_ID.test(id)) {
        return Promise.reject(new FhirError('VALIDATION', `"${type.slice(0, 64)}/${id.slice(0, 64)}" is not a valid FHIR resource type and id`));
      }
      return send(`${type}/${id}`, opts, asResource<T>);
    },
    search<T extends Resource>(type: string, params?: SearchParams, opts: RequestOptions = {}) {
      if (!RESOURCE_TYPE.test(type)) return Promise.reject(new FhirError('VALIDATION', `"${type.slice(0, 64)}" is not a valid FHIR resource type`));
      return send(type, { ...opts, query: params }, asResource<Bundle<T>>);
    },
    metadata,
    smartConfiguration,
    async token() {
      const started = performance.now();
      const t = await auth.token();
      return {
        expiresAt: new Date(t.expiresAt).toISOString(),
        fromCache: t.fromCache,
        grant: auth.lastGrant,
        timing: { totalMs: performance.now() - started },
      };
    },
    request: <T>(path: string, opts: RequestOptions = {}) =>
      send(path, opts, (res, url) => {
        if (res.invalidJson) throw new FhirError('MALFORMED_RESPONSE', `${url.host} answered ${res.status} with ${res.bytes} bytes that are not valid JSON`, { status: res.status });
        return res.json as T;
      }),
    breakerState: () => breakers.map((b) => b.snapshot()),
    get lastGrant() {
      return auth.lastGrant;
    },
    tlsCertificate: (baseUrl = config.baseUrl) => transport.certificate(new URL(baseUrl).origin),
    close: () => transport.close(),
  };
}

/**
 * The seven diagnostics steps, in the order an EHR connection depends on
 * them: the server answers as FHIR R4, it says how to sign in, a token is
 * issued with the scopes asked for, patient data can be searched, the
 * optional CDS Hooks and AuditEvent services answer, and the certificate is
 * trusted and not about to expire. Each step returns what it found; the
 * runner (diagnostics.ts) times it and reports it.
 */
import type { Bundle, CapabilityStatement } from 'fhir/r4';
import type { CheckFacts, CheckId } from '../../src-shared/contract';
import { usesTokenEndpoint, type AuthMode, type FhirConnectionConfig } from '../../src-shared/connection-config';
import type { FhirErrorKind } from '../../src-shared/fhir-errors';
import { FhirError } from '../ehr';
import type { FhirClient } from '../ehr';
import { tokenEndpointFromCapabilityStatement, type SmartConfiguration } from '../ehr';
import { detectVendor } from '../ehr';

export interface CheckOutcome {
  status: 'pass' | 'warn' | 'fail' | 'skip';
  summary: string;
  error?: FhirError;
  facts?: CheckFacts;
}

export interface CheckContext {
  config: FhirConnectionConfig;
  client: FhirClient;
  /**
   * Lends `use` a client for another base URL of the same server, signing in
   * with nothing (discovery documents are public). Whoever made the context
   * decides whether it is made for the step or kept between runs.
   */
  withPublicClient<T>(baseUrl: string, use: (client: FhirClient) => Promise<T>): Promise<T>;
  now(): number;
  /** What the capability step learnt, for the steps after it. */
  capability?: CapabilityStatement;
  capabilityError?: FhirError;
}

export interface Check {
  id: CheckId;
  label: string;
  /** Optional services: a failure is a warning. */
  optional: boolean;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

const DAY_MS = 86_400_000;
/** Certificates closer to expiry than this are a warning: enough time to get one renewed. */
const CERT_WARN_DAYS = 30;

/** When the first request fails like this, the others would only fail the same way (or add to a rate limit). */
const STOPPING: ReadonlySet<FhirErrorKind> = new Set(['NETWORK', 'TIMEOUT', 'TLS', 'RATE_LIMITED']);

const MODE_LABEL: Record<AuthMode, string> = {
  private_key_jwt: 'SMART Backend Services (private_key_jwt)',
  client_secret_basic: 'a client secret (client_secret_basic)',
  client_secret_post: 'a client secret (client_secret_post)',
  basic: 'HTTP Basic sign-in',
  none: 'no sign-in',
};

const pass = (summary: string, facts?: CheckFacts): CheckOutcome => ({ status: 'pass', summary, facts });
const warn = (summary: string, facts?: CheckFacts, error?: FhirError): CheckOutcome => ({ status: 'warn', summary, facts, error });
const fail = (summary: string, facts?: CheckFacts, error?: FhirError): CheckOutcome => ({ status: 'fail', summary, facts, error });
const skip = (summary: string): CheckOutcome => ({ status: 'skip', summary });

/** Steps after a failed capability step that would fail the same way are skipped, saying why. */
function notReachable(ctx: CheckContext): CheckOutcome | null {
  const err = ctx.capabilityError;
  if (!err || !STOPPING.has(err.kind)) return null;
  const host = new URL(ctx.config.baseUrl).host;
  return skip(
    err.kind === 'RATE_LIMITED'
      ? `Not run: ${host} is rate limiting this client, and more requests would only prolong it.`
      : `Not run: ${host} could not be reached (see the CapabilityStatement step).`,
  );
}

function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

const joined = (xs: readonly string[]): string | null => (xs.length > 0 ? xs.join(' ') : null);

const capability: Check = {
  id: 'capability',
  label: 'CapabilityStatement',
  optional: false,
  async run(ctx) {
    let cs: CapabilityStatement;
    try {
      cs = (await ctx.client.metadata()).data;
    } catch (err) {
      if (err instanceof FhirError) ctx.capabilityError = err;
      throw err;
    }
    ctx.capability = cs;
    const version = cs.fhirVersion ?? '';
    const software = cs.software ? [cs.software.name, cs.software.version].filter(Boolean).join(' ') : null;
    const detected = detectVendor(cs);
    const formats = cs.format ?? [];
    const facts = {
      fhirVersion: version || null,
      status: cs.status ?? null,
      software,
      publisher: cs.publisher ?? null,
      formats: joined(formats),
      detectedVendor: detected.vendor,
    };
    if (!/^4\.\d+/.test(version)) {
      return fail(version ? `FHIR ${version}: Vigil speaks FHIR R4 (4.0.x).` : 'The CapabilityStatement gives no fhirVersion.', facts);
    }
    const problems: string[] = [];
    if (!/^4\.0\.\d+$/.test(version)) problems.push(`FHIR ${version} is not R4 (4.0.x); some resources may differ.`);
    if (formats.length > 0 && !formats.some((f) => /json/i.test(f))) problems.push(`It offers ${formats.join(', ')} but not JSON.`);
    if (cs.status === 'retired') problems.push('Its status is "retired".');
    if (detected.vendor !== 'generic' && detected.vendor !== ctx.config.vendor) {
      problems.push(`It looks like ${detected.vendor} (${detected.evidence}) but the connection is set up as ${ctx.config.vendor}.`);
    }
    if (problems.length > 0) return warn(problems.join(' '), facts);
    return pass(`FHIR ${version}${software ? ` from ${software}` : ''}, status ${cs.status ?? 'unknown'}.`, facts);
  },
};

const smart: Check = {
  id: 'smart',
  label: 'SMART configuration',
  optional: false,
  async run(ctx) {
    const stopped = notReachable(ctx);
    if (stopped) return stopped;
    const { config } = ctx;
    const tokenMode = usesTokenEndpoint(config.authMode);
    let sc: SmartConfiguration;
    try {
      sc = (await ctx.client.smartConfiguration()).data;
    } catch (err) {
      if (!(err instanceof FhirError)) throw err;
      if (!tokenMode) {
        return err.kind === 'NOT_FOUND'
          ? skip(`No SMART configuration is published; ${MODE_LABEL[config.authMode]} does not need one.`)
          : warn(`The SMART configuration could not be read; ${MODE_LABEL[config.authMode]} does not need it.`, undefined, err);
      }
      const fallback = config.tokenEndpoint
        ? 'the connection settings'
        : ctx.capability && tokenEndpointFromCapabilityStatement(ctx.capability)
          ? 'the CapabilityStatement'
          : null;
      if (fallback && (err.kind === 'NOT_FOUND' || err.kind === 'MALFORMED_RESPONSE')) {
        return warn(`No usable .well-known/smart-configuration; the token endpoint comes from ${fallback}.`, undefined, err);
      }
      throw err;
    }
    const facts = {
      tokenEndpoint: sc.tokenEndpoint ? pathOf(sc.tokenEndpoint) : null,
      grantTypes: joined(sc.grantTypes),
      authMethods: joined(sc.tokenAuthMethods),
      capabilities: joined(sc.capabilities),
    };
    if (!tokenMode) return pass(`Published (not needed for ${MODE_LABEL[config.authMode]}).`, facts);

    const missing = [
      ...(sc.tokenEndpoint ? [] : ['token_endpoint']),
      ...(sc.grantTypes.length > 0 ? [] : ['grant_types_supported']),
      ...(sc.capabilities.length > 0 ? [] : ['capabilities']),
    ];
    if (missing.length > 0) return fail(`The SMART configuration lacks ${missing.join(', ')}.`, facts);
    if (!sc.grantTypes.includes('client_credentials')) {
      return fail(`The server does not offer the client_credentials grant (it offers ${sc.grantTypes.join(', ')}).`, facts);
    }
    const problems: string[] = [];
    if (sc.tokenAuthMethods.length > 0 && !sc.tokenAuthMethods.includes(config.authMode)) {
      problems.push(`${config.authMode} is not among the token endpoint's methods (${sc.tokenAuthMethods.join(', ')}).`);
    }
    const asymmetric = config.authMode === 'private_key_jwt';
    if (asymmetric && sc.signingAlgs.length > 0 && !sc.signingAlgs.some((a) => a === 'RS384' || a === 'ES384')) {
      problems.push(`It accepts assertions signed with ${sc.signingAlgs.join(', ')}, not RS384 or ES384.`);
    }
    const capabilityNeeded = asymmetric ? 'client-confidential-asymmetric' : 'client-confidential-symmetric';
    if (!sc.capabilities.includes(capabilityNeeded)) problems.push(`Its capabilities do not include ${capabilityNeeded}.`);
    if (problems.length > 0) return warn(problems.join(' '), facts);
    return pass(`Token endpoint ${facts.tokenEndpoint}; client_credentials offered.`, facts);
  },
};

const token: Check = {
  id: 'token',
  label: 'Access token',
  optional: false,
  async run(ctx) {
    if (!usesTokenEndpoint(ctx.config.authMode)) return skip(`Not needed: the connection uses ${MODE_LABEL[ctx.config.authMode]}.`);
    const stopped = notReachable(ctx);
    if (stopped) return stopped;
    const t = await ctx.client.token();
    const grant = t.grant;
    const minutes = Math.round((Date.parse(t.expiresAt) - ctx.now()) / 60_000);
    const facts = {
      expiresAt: Date.parse(t.expiresAt),
      requested: joined(ctx.config.scopes),
      granted: grant?.granted ? joined(grant.granted) : null,
      missing: grant ? joined(grant.missing) : null,
    };
    if (grant && grant.missing.length > 0) {
      return warn(`Token issued, but without ${grant.missing.join(', ')}: the server granted fewer scopes than requested.`, facts);
    }
    if (ctx.config.scopes.length > 0 && grant?.granted === null) {
      return warn('Token issued, but the response does not say which scopes were granted.', facts);
    }
    return pass(`Token issued with ${MODE_LABEL[ctx.config.authMode]}, valid for ${minutes} min.`, facts);
  },
};

function searchCheck(id: 'patient' | 'auditEvent', type: 'Patient' | 'AuditEvent', label: string, optional: boolean): Check {
  return {
    id,
    label,
    optional,
    async run(ctx) {
      const stopped = notReachable(ctx);
      if (stopped) return stopped;
      const bundle: Bundle = (await ctx.client.search(type, { _count: 1 })).data;
      const returned = bundle.entry?.length ?? 0;
      const facts = { returned, total: bundle.total ?? null };
      if (returned === 0) return warn(`${type} search answered, but with no ${type} resources: check the tenant in the base URL.`, facts);
      return pass(`${type} search answered${bundle.total === undefined ? '' : ` (${bundle.total} in all)`}.`, facts);
    },
  };
}

/**
 * CDS Hooks services usually sit beside the FHIR endpoint rather than under
 * it (https://host/cds-services next to https://host/fhir), so both places
 * are tried, without credentials: discovery is public.
 */
const cds: Check = {
  id: 'cds',
  label: 'CDS Hooks discovery',
  optional: true,
  async run(ctx) {
    const stopped = notReachable(ctx);
    if (stopped) return stopped;
    const base = new URL(ctx.config.baseUrl);
    const basePath = base.pathname.replace(/\/+$/, '');
    const candidates = [...new Set([`${basePath.replace(/\/[^/]*$/, '')}/cds-services`, `${basePath}/cds-services`])];
    let last: FhirError | undefined;
    const found = await ctx.withPublicClient(base.origin, async (client) => {
      for (const path of candidates) {
        try {
          const { data } = await client.request<{ services?: unknown }>(path);
          if (!Array.isArray(data?.services)) throw new FhirError('MALFORMED_RESPONSE', `${base.host}${path} is not a CDS Hooks discovery document`);
          const hooks = [...new Set(data.services.map((s: { hook?: unknown }) => (typeof s?.hook === 'string' ? s.hook : '?')))];
          return pass(`${data.services.length} CDS service${data.services.length === 1 ? '' : 's'} at ${base.host}${path}.`, {
            url: `${base.host}${path}`,
            services: data.services.length,
            hooks: joined(hooks),
          });
        } catch (err) {
          if (!(err instanceof FhirError)) throw err;
          last = err;
          if (STOPPING.has(err.kind)) break;
        }
      }
      return null;
    });
    if (found) return found;
    return warn(`No CDS Hooks discovery at ${candidates.map((p) => base.host + p).join(' or ')}.`, undefined, last);
  },
};

const tls: Check = {
  id: 'tls',
  label: 'TLS certificate',
  optional: false,
  async run(ctx) {
    const base = new URL(ctx.config.baseUrl);
    if (base.protocol !== 'https:') return skip(`${base.host} is reached over plain http://, so there is no certificate to check.`);
    if (ctx.config.proxyUrl) return skip('Requests go through a proxy, where Vigil cannot see the server’s certificate.');
    const tlsError = ctx.capabilityError?.kind === 'TLS' ? ctx.capabilityError : undefined;
    const cert = ctx.client.tlsCertificate() ?? tlsError?.tls;
    if (!cert) {
      if (tlsError) return fail('The TLS handshake failed before a certificate was seen.', undefined, tlsError);
      return skip(`No TLS connection to ${base.host} was made, so its certificate could not be read.`);
    }
    const days = Math.floor((Date.parse(cert.validTo) - ctx.now()) / DAY_MS);
    const facts = {
      daysToExpiry: days,
      validTo: Date.parse(cert.validTo),
      issuer: cert.issuer,
      subject: cert.subject,
      protocol: cert.protocol ?? null,
    };
    const expiry = cert.validTo.slice(0, 10);
    if (cert.verifyError) {
      const error = tlsError ?? new FhirError('TLS', `TLS certificate of ${base.host} refused: ${cert.verifyError}`, { tls: cert });
      return fail(`The certificate is not trusted (${cert.verifyError}).`, facts, error);
    }
    if (days < 0) return fail(`The certificate expired on ${expiry}.`, facts, new FhirError('TLS', `TLS certificate of ${base.host} expired on ${expiry}`, { tls: cert }));
    if (days < CERT_WARN_DAYS) return warn(`The certificate expires in ${days} day${days === 1 ? '' : 's'} (${expiry}): renew it now.`, facts);
    return pass(`Trusted, ${days} days to expiry (${expiry})${cert.protocol ? `, ${cert.protocol}` : ''}.`, facts);
  },
};

export const CHECKS: readonly Check[] = [
  capability,
  smart,
  token,
  searchCheck('patient', 'Patient', 'Patient search', false),
  cds,
  searchCheck('auditEvent', 'AuditEvent', 'AuditEvent search', true),
  tls,
];

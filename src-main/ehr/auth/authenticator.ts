/**
 * The Authorization header for each sign-in mode: a cached OAuth token
 * (private_key_jwt, client_secret_basic, client_secret_post), HTTP basic, or
 * nothing. Token requests are retried like idempotent reads, with a new
 * assertion (and so a new jti) on every attempt.
 */
import type { Dispatcher } from 'undici';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import { usesTokenEndpoint, type FhirConnectionConfig } from '../../../src-shared/connection-config';
import { FhirError } from '../errors';
import { retryDelayMs } from '../retry';
import { compareGrant, type TokenGrant } from '../scopes';
import { CLIENT_ASSERTION_TYPE, signClientAssertion } from './client-assertion';
import { importSigningKey, type SigningKey } from './keys';
import { TokenCache, type CachedToken } from './token-cache';
import { requestToken, type TokenResponse } from './token-request';

/** Secret material from the keychain, handed over by the caller. */
export interface EhrSecrets {
  /** PKCS#8 PEM or private JWK, for private_key_jwt. */
  privateKey?: string;
  clientSecret?: string;
  /** HTTP basic password. */
  password?: string;
}

export interface AuthenticatorDeps {
  config: FhirConnectionConfig;
  secrets: EhrSecrets;
  dispatcher: Dispatcher;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  tokenEndpoint: () => Promise<string>;
  tokenSkewMs: number;
  log?: Logger;
}

export interface Authenticator {
  /** The Authorization header value for a FHIR request, if the mode has one. */
  authorization(): Promise<string | undefined>;
  /**
   * Called with the header a FHIR server answered 401 to. Drops that token and
   * says whether one refresh and retry is worthwhile (token modes only).
   */
  refused(authorization: string | undefined): boolean;
  /** A token for diagnostics (cached or fresh); AUTH error in modes without one. */
  token(): Promise<CachedToken>;
  readonly lastGrant: TokenGrant | null;
}

const missingSecret = (what: string) => new FhirError('AUTH', `No ${what} is stored for this connection: enter it in the connection settings.`);

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const { config, secrets, clock } = deps;
  const clientId = config.clientId ?? '';
  let grant: TokenGrant | null = null;
  let signingKey: Promise<SigningKey> | undefined;

  const key = () => {
    if (!secrets.privateKey) throw missingSecret('private key');
    signingKey ??= importSigningKey(secrets.privateKey, { kid: config.keyId }).catch((err: unknown) => {
      signingKey = undefined;
      throw err;
    });
    return signingKey;
  };

  /** The client authentication part of one token request. */
  async function clientAuth(endpoint: string): Promise<{ form: Record<string, string>; headers: Record<string, string> }> {
    switch (config.authMode) {
      case 'private_key_jwt': {
        const assertion = await signClientAssertion(await key(), clientId, endpoint, clock.now());
        return { form: { client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion }, headers: {} };
      }
      case 'client_secret_basic': {
        if (!secrets.clientSecret) throw missingSecret('client secret');
        // RFC 6749 §2.3.1: both parts are form-encoded before base64.
        const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
        return { form: {}, headers: { authorization: basic(enc(clientId), enc(secrets.clientSecret)) } };
      }
      case 'client_secret_post':
        if (!secrets.clientSecret) throw missingSecret('client secret');
        return { form: { client_id: clientId, client_secret: secrets.clientSecret }, headers: {} };
      default:
        throw new FhirError('AUTH', `Sign-in mode ${config.authMode} does not use a token endpoint.`);
    }
  }

  async function fetchToken(): Promise<TokenResponse> {
    const endpoint = await deps.tokenEndpoint();
    for (let retry = 0; ; retry++) {
      const { form, headers } = await clientAuth(endpoint);
      const scope: Record<string, string> = config.scopes.length > 0 ? { scope: config.scopes.join(' ') } : {};
      try {
        const token = await requestToken(deps.dispatcher, {
          endpoint,
          form: { grant_type: 'client_credentials', ...scope, ...form },
          headers,
          maxResponseBytes: config.maxResponseBytes,
          secrets: [secrets.clientSecret ?? '', form.client_assertion ?? ''],
          nowMs: clock.now(),
        });
        noteGrant(token);
        return token;
      } catch (err) {
        const delay = err instanceof FhirError ? retryDelayMs(err, retry, config.retry, deps.random) : undefined;
        if (delay === undefined) throw err;
        deps.log?.debug('ehr.token.retry', { connection: config.name, kind: (err as FhirError).kind, delayMs: delay });
        await deps.sleep(delay);
      }
    }
  }

  function noteGrant(token: TokenResponse): void {
    grant = compareGrant(config.scopes, token.scope, new Date(clock.now()));
    deps.log?.info('ehr.token.acquired', { connection: config.name, expiresInS: token.expiresIn ?? null, granted: grant.granted });
    if (grant.missing.length > 0) {
      deps.log?.warn('ehr.token.narrower_grant', { connection: config.name, missing: grant.missing });
    }
  }

  const cache = new TokenCache(fetchToken, clock, deps.tokenSkewMs);
  const tokenMode = usesTokenEndpoint(config.authMode);

  return {
    async authorization() {
      if (tokenMode) return `Bearer ${(await cache.get()).value}`;
      if (config.authMode === 'basic') {
        if (!secrets.password) throw missingSecret('password');
        return basic(config.username ?? '', secrets.password);
      }
      return undefined;
    },
    refused(authorization) {
      if (!tokenMode || !authorization?.startsWith('Bearer ')) return false;
      cache.invalidate(authorization.slice('Bearer '.length));
      return true;
    },
    token() {
      if (!tokenMode) return Promise.reject(new FhirError('AUTH', `Sign-in mode ${config.authMode} has no access token.`));
      return cache.get();
    },
    get lastGrant() {
      return grant;
    },
  };
}

import { usesTokenEndpoint } from '../../../src-shared/connection-config';
import type { Connection } from '../../../src-shared/contract';
import type { VendorProfile } from '../../api/ehr';
import { formatCount, formatMs } from '../../lib/format';
import { formatLocalTime, formatSpan, isoOf } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { AUTH_MODE_LABELS } from './auth-modes';
import { usesClientSecret } from './connection-form';

/** The vendor's end date of a client secret, and how far off it is. */
function SecretEnd({ at }: { at: number }) {
  const now = useNow(60_000);
  return (
    <>
      <time dateTime={isoOf(at)}>{formatLocalTime(at, 'from')}</time> ({at > now ? `in ${formatSpan(at - now)}` : 'passed: the secret no longer works'})
    </>
  );
}

/** A connection's settings as a reader checks them; secrets only as "stored" or not. */
export function ConnectionFacts({ connection, vendor }: { connection: Connection; vendor: VendorProfile | undefined }) {
  const c = connection.config;
  const tokenMode = usesTokenEndpoint(c.authMode);
  const rate = c.rateLimitPerHour ?? vendor?.rateLimitPerHour;
  return (
    <dl className="facts">
      <dt>Vendor</dt>
      <dd>{vendor?.label ?? c.vendor}</dd>
      <dt>FHIR base URL</dt>
      <dd className="path">{c.baseUrl}</dd>
      {c.secondaryBaseUrl && (
        <>
          <dt>Secondary base URL</dt>
          <dd className="path">{c.secondaryBaseUrl}</dd>
        </>
      )}
      <dt>Sign-in</dt>
      <dd>{AUTH_MODE_LABELS[c.authMode]}</dd>
      {tokenMode && (
        <>
          <dt>Client ID</dt>
          <dd className="mono">{c.clientId}</dd>
          <dt>Token endpoint</dt>
          {c.tokenEndpoint ? <dd className="path">{c.tokenEndpoint}</dd> : <dd>Discovered from the server</dd>}
          <dt>Scopes</dt>
          {c.scopes.length > 0 ? <dd className="mono">{c.scopes.join(' ')}</dd> : <dd>None requested</dd>}
        </>
      )}
      {c.authMode === 'basic' && (
        <>
          <dt>User name</dt>
          <dd className="mono">{c.username}</dd>
        </>
      )}
      {c.authMode !== 'none' && (
        <>
          <dt>Credential</dt>
          <dd>{connection.hasSecret ? 'Stored in the keychain' : 'None stored yet'}</dd>
        </>
      )}
      {usesClientSecret(c.authMode) && (
        <>
          <dt>Client secret expires</dt>
          <dd>{c.clientSecretExpiresAt === undefined ? 'No end date given' : <SecretEnd at={c.clientSecretExpiresAt} />}</dd>
        </>
      )}
      <dt>Rate limit</dt>
      <dd>
        {rate === undefined ? '—' : `${formatCount(rate)} requests per hour`}
        {c.rateLimitPerHour === undefined && vendor && <span className="muted"> ({vendor.label} default)</span>}
      </dd>
      <dt>Timeouts</dt>
      <dd>
        connect {formatMs(c.timeouts.connectMs)} · headers {formatMs(c.timeouts.headersMs)} · body {formatMs(c.timeouts.bodyMs)}
      </dd>
      {c.proxyUrl && (
        <>
          <dt>HTTP proxy</dt>
          <dd className="path">{c.proxyUrl}</dd>
        </>
      )}
      {c.caBundle && (
        <>
          <dt>Trusted CAs</dt>
          <dd>Custom CA bundle added to the public roots</dd>
        </>
      )}
      {c.allowPlainHttp && (
        <>
          <dt>Plain http://</dt>
          <dd>Allowed: tokens, passwords and patient data may cross the network unencrypted</dd>
        </>
      )}
      <dt>Monitoring</dt>
      <dd>{c.enabled ? 'Enabled' : 'Disabled'}</dd>
    </dl>
  );
}

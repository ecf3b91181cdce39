/**
 * A wall says what is wrong in Vigil's own words, from codes: which probe
 * failed and how, and what kind of alert it is. It is never sent the
 * servers' messages, nor the alerts' titles (src-shared/contract/displays.ts).
 */
import type { WallAlert, WallCause } from '../../../src-shared/contract';
import { PROBE_WORDS } from '../alerts/alert-words';

const KINDS: Record<string, string> = {
  AUTH: 'sign-in refused',
  SCOPE: 'scope refused',
  RATE_LIMITED: 'rate limited',
  TIMEOUT: 'timed out',
  NETWORK: 'unreachable',
  TLS: 'TLS failed',
  SERVER: 'server error',
  VALIDATION: 'request refused as invalid',
  CONSENT: 'consent refused',
  NOT_FOUND: 'not found',
  MALFORMED_RESPONSE: 'answer not understood',
};

/** "CapabilityStatement unreachable": the probe and the failure; codes this version does not know are shown as they are. */
export function causeWords(cause: WallCause): string {
  return `${(PROBE_WORDS as Record<string, string>)[cause.probe] ?? cause.probe} ${KINDS[cause.kind] ?? cause.kind.toLowerCase()}`;
}

/** An alert in a few words, from its kind (and for a connection's health, its grade). */
export function alertWords(alert: Pick<WallAlert, 'kind' | 'grade'>): string {
  switch (alert.kind) {
    case 'health':
      return alert.grade >= 2 ? 'Connection down' : 'Connection degraded';
    case 'tls-expiry':
      return 'Certificate expiring';
    case 'tls-protocol':
      return 'TLS below 1.2';
    case 'secret-expiry':
      return 'Client secret expiring';
    case 'key-rotation':
      return 'Signing key due for rotation';
    case 'metric':
      return 'AI service metric out of range';
  }
}

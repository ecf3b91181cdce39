/**
 * A channel secret as an admin types it, checked before it reaches the
 * keychain: a Slack or webhook URL that no POST could go to, or a routing key
 * PagerDuty would refuse, is said at once on the form rather than found on
 * the first alert. Messages never quote the value.
 */
import { isPlainHttpOffMachine } from '../../src-shared/network';
import { DispatchError } from '../dispatch';
import { OutboundRefusedError, type OutboundGuard } from '../net';
import { secretLabel, type ChannelSecretKind } from './channels';

const ROUTING_KEY = /^[a-zA-Z0-9]{32}$/;

export function invalidSecret(message: string): DispatchError {
  return new DispatchError('INVALID_INPUT', message, [{ path: ['secret'], message }]);
}

/** A host the outbound rules refuse, said next to the field that names it. */
export function refusedHost(check: () => void, path: string[]): void {
  try {
    check();
  } catch (err) {
    if (err instanceof OutboundRefusedError) throw new DispatchError('INVALID_INPUT', err.message, [{ path, message: err.message }]);
    throw err;
  }
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * The value to store. URLs and routing keys lose surrounding white space,
 * which a paste often brings and neither can contain; a password is kept
 * exactly as typed.
 */
export function acceptedSecret(kind: ChannelSecretKind, raw: string, outbound: OutboundGuard): string {
  switch (kind) {
    case 'webhookUrl': {
      const url = raw.trim();
      if (!isHttpUrl(url)) throw invalidSecret(`The ${secretLabel(kind)} must be an http:// or https:// URL.`);
      // The URL is the credential: in clear over the network anyone on the path could post as Vigil.
      if (isPlainHttpOffMachine(url)) throw invalidSecret(`The ${secretLabel(kind)} must use https:// (plain http:// only to this machine).`);
      refusedHost(() => outbound.checkUrl(url), ['secret']);
      return url;
    }
    case 'routingKey': {
      const key = raw.trim();
      if (!ROUTING_KEY.test(key)) {
        throw invalidSecret("A PagerDuty routing key is 32 letters and digits: the Integration Key of the service's Events API v2 integration.");
      }
      return key;
    }
    case 'password':
      return raw;
  }
}

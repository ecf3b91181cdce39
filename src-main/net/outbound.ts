/**
 * Where Vigil may send a request. Every outbound request (EHR and token
 * endpoints, metrics scrapes, webhooks, PagerDuty, SMTP) is checked here,
 * twice: its URL when it is configured and again before it is sent, and
 * the addresses its host name resolves to before a socket is opened. So a
 * refusal never costs a packet to the refused address.
 *
 * Refused unless an admin allowed that host by name:
 * - link-local addresses (169.254.0.0/16, fe80::/10): cloud instance
 *   metadata services answer there with the machine's credentials
 *   (OWASP SSRF Prevention Cheat Sheet);
 * - the metadata services' other addresses and names (AWS's fd00:ec2::254,
 *   Alibaba's 100.100.100.200, metadata.google.internal and the like).
 * Loopback and private networks stay allowed: on-premise EHRs live there.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { Dispatcher } from 'undici';

const LINK_LOCAL = new BlockList();
LINK_LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LINK_LOCAL.addSubnet('fe80::', 10, 'ipv6');
const METADATA_ADDRESSES = new BlockList();
METADATA_ADDRESSES.addAddress('100.100.100.200', 'ipv4');
METADATA_ADDRESSES.addAddress('fd00:ec2::254', 'ipv6');

const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.azure.internal',
]);

export class OutboundRefusedError extends Error {
  constructor(
    readonly host: string,
    why: string,
  ) {
    super(`Vigil does not send requests to ${host}: ${why}. An administrator can allow this host in Settings → Network.`);
    this.name = 'OutboundRefusedError';
  }
}

/** A URL's host as Node reports it, without the brackets of an IPv6 literal. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** Why an address or name may not be reached, or null when it may. */
export function refusalFor(host: string): string | null {
  const name = host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const family = isIP(name);
  if (family !== 0) {
    // BlockList also matches IPv4-mapped IPv6 forms such as ::ffff:169.254.169.254.
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (LINK_LOCAL.check(name, type)) return 'a link-local address (cloud metadata services answer there)';
    if (METADATA_ADDRESSES.check(name, type)) return 'a cloud metadata service';
    return null;
  }
  return METADATA_NAMES.has(name) ? 'a cloud metadata service' : null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: object, callback: LookupCallback) => void;

/** The admin's exceptions and the checks that honour them; one per running Vigil. */
export class OutboundGuard {
  private allowed: ReadonlySet<string>;

  constructor(
    allowedHosts: Iterable<string> = [],
    /** DNS as Node does it; tests pass a resolver that answers without the network. */
    private readonly resolve: typeof dnsLookup = dnsLookup,
  ) {
    this.allowed = normalised(allowedHosts);
  }

  setAllowed(hosts: Iterable<string>): void {
    this.allowed = normalised(hosts);
  }

  /** Throws OutboundRefusedError for a URL Vigil may not request. */
  checkUrl(url: URL | string): void {
    const u = typeof url === 'string' ? new URL(url) : url;
    this.checkHost(bareHost(u));
  }

  checkHost(host: string): void {
    const name = host.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.allowed.has(name)) return;
    const why = refusalFor(name);
    if (why) throw new OutboundRefusedError(name, why);
  }

  /**
   * dns.lookup as sockets call it (undici's connect, net.connect), refusing
   * a name that resolves to a refused address before any socket opens. A
   * name an admin allowed resolves as usual.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname, { ...(options as object), all: true } as LookupAllOptions, (err, addresses) => {
      if (err) return callback(err, []);
      const name = hostname.toLowerCase();
      const refused = this.allowed.has(name) ? undefined : addresses.find((a) => refusalFor(a.address) !== null);
      if (refused) return callback(new OutboundRefusedError(hostname, `it resolves to ${refused.address}, ${refusalFor(refused.address)}`), []);
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };

  /**
   * For an undici dispatcher's compose(): a request to a refused host
   * throws before undici is handed it, so nothing is sent.
   */
  readonly interceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (request, handler) => {
    this.checkUrl(String(request.origin));
    return dispatch(request, handler);
  };

  /** Resolves a host the way a socket would and throws when it may not be reached (for clients that resolve on their own, like SMTP). */
  async checkResolved(host: string): Promise<void> {
    this.checkHost(host);
    if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return;
    await new Promise<void>((done, fail) => this.lookup(host, { all: true }, (err) => (err ? fail(err) : done())));
  }
}

function normalised(hosts: Iterable<string>): ReadonlySet<string> {
  return new Set([...hosts].map((h) => h.trim().replace(/^\[|\]$/g, '').toLowerCase()).filter(Boolean));
}

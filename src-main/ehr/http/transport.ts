/**
 * One undici dispatcher per connection: keep-alive pools per origin, a
 * connection cap, connect/headers/body timeouts, a response size cap that
 * undici enforces while the body streams, an optional CA bundle and an
 * optional HTTP proxy. Direct TLS connections go through a connector that
 * keeps the server's certificate, so a refused certificate can be reported
 * with its subject, issuer and expiry and a good one can be watched for expiry.
 */
import { rootCertificates, type TLSSocket } from 'node:tls';
import { Agent, ProxyAgent, buildConnector, type Dispatcher } from 'undici';
import { isLoopbackHost } from '../../../src-shared/network';
import { OutboundRefusedError, type OutboundGuard } from '../../net';
import { FhirError } from '../errors';
import { describeCertificate, type TlsCertificateInfo } from './tls-certificate';

export interface TransportOptions {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  maxResponseBytes: number;
  maxConnections: number;
  caBundle?: string;
  proxyUrl?: string;
  /** Refuses link-local and metadata addresses, by URL and by what a name resolves to. */
  outbound: OutboundGuard;
  /** Plain http:// off this machine, which an admin allowed for this connection. */
  allowPlainHttp: boolean;
}

/** A certificate the connector refused, with what the server presented. */
export class TlsVerificationError extends Error {
  readonly code: string;
  readonly certificate?: TlsCertificateInfo;
  constructor(code: string, certificate: TlsCertificateInfo | undefined) {
    super(`certificate refused: ${code}`);
    this.code = code;
    this.certificate = certificate;
  }
}

export interface Transport {
  dispatcher: Dispatcher;
  /** The certificate last presented by a TLS origin (`https://host:port`). */
  certificate(origin: string): TlsCertificateInfo | undefined;
  close(): Promise<void>;
}

function originKey(hostname: string, port: string): string {
  return `https://${hostname}:${port || '443'}`;
}

/**
 * The socket is opened with rejectUnauthorized off only so the certificate can
 * be read before the socket is thrown away; the verdict Node reached (chain and
 * host name) is then enforced here, before undici writes a byte. TLS session
 * caching is off because a resumed session skips Node's host-name check.
 */
function inspectingConnector(opts: TransportOptions, ca: string[] | undefined, seen: Map<string, TlsCertificateInfo>): buildConnector.connector {
  const connect = buildConnector({ timeout: opts.connectMs, ca, rejectUnauthorized: false, maxCachedSessions: 0, lookup: opts.outbound.lookup });
  return (options, callback) => {
    connect(options, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('connect failed'), null);
      if (options.protocol !== 'https:') return callback(null, socket);
      const tlsSocket = socket as TLSSocket;
      const verifyError = tlsSocket.authorized ? undefined : String(tlsSocket.authorizationError ?? 'UNAUTHORIZED');
      const cert = describeCertificate(tlsSocket.getPeerCertificate(), verifyError, tlsSocket.getProtocol());
      if (cert) seen.set(originKey(options.hostname, options.port), cert);
      if (verifyError) {
        tlsSocket.destroy();
        return callback(new TlsVerificationError(verifyError, cert), null);
      }
      callback(null, socket);
    });
  };
}

/**
 * Checked before a request is handed to undici, so a refused one sends
 * nothing: where it goes, and whether it would carry credentials or PHI
 * over plain http:// off this machine.
 */
function refusing(opts: TransportOptions): Dispatcher.DispatcherComposeInterceptor {
  const outbound = opts.outbound.interceptor;
  return (dispatch) => (request, handler) => {
    const origin = new URL(String(request.origin));
    if (origin.protocol === 'http:' && !isLoopbackHost(origin.hostname) && !opts.allowPlainHttp) {
      throw new FhirError(
        'TLS',
        `plain http:// to ${origin.host} is refused: it would send tokens, passwords and patient data in clear. Use https://, or an administrator can allow plain http for this connection`,
        { url: origin.origin },
      );
    }
    try {
      return outbound(dispatch)(request, handler);
    } catch (err) {
      if (err instanceof OutboundRefusedError) throw new FhirError('NETWORK', err.message, { url: origin.origin });
      throw err;
    }
  };
}

export function createTransport(opts: TransportOptions): Transport {
  // A connection's CA bundle adds to the public roots rather than replacing
  // them, so an on-premise EHR that moves to a public certificate keeps working.
  const ca = opts.caBundle ? [...rootCertificates, opts.caBundle] : undefined;
  const seen = new Map<string, TlsCertificateInfo>();
  const common = {
    connections: opts.maxConnections,
    headersTimeout: opts.headersMs,
    bodyTimeout: opts.bodyMs,
    maxResponseSize: opts.maxResponseBytes,
    // The monitor runs every 30 s on a kept client; undici's default 4 s would reconnect (a TLS
    // handshake to an EHR) on every run. A server's own Keep-Alive: timeout hint still wins when shorter.
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
  };
  // Through a proxy undici opens the tunnel and the TLS session itself, so
  // certificate failures there are classified from Node's error code alone.
  const dispatcher: Dispatcher = opts.proxyUrl
    ? new ProxyAgent({
        uri: opts.proxyUrl,
        ...common,
        proxyTls: { timeout: opts.connectMs },
        requestTls: { timeout: opts.connectMs, ...(ca ? { ca } : {}) },
      })
    : new Agent({ ...common, connect: inspectingConnector(opts, ca, seen) });
  return {
    dispatcher: dispatcher.compose(refusing(opts)),
    certificate: (origin) => {
      const u = new URL(origin);
      return seen.get(originKey(u.hostname, u.port));
    },
    close: () => dispatcher.close(),
  };
}

/**
 * Where and how the host may listen. On loopback only this machine can reach
 * it; anywhere else the traffic (passwords, session tokens, PHI) crosses a
 * network, so a non-loopback address is refused unless TLS is configured.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { BlockList, isIP } from 'node:net';
import { hostname as machineName } from 'node:os';
import type { Scheme, Site } from './site';

/** A setting the host cannot start with; the message tells the user what to change. */
export class HostConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostConfigError';
  }
}

export interface ListenPlan {
  host: string;
  scheme: Scheme;
  /** PEM contents, for https.createServer. */
  tls: { cert: string; key: string; certificate: X509Certificate } | null;
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export function isLoopback(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && loopback.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new HostConfigError(`Cannot read the TLS ${what} at ${path}: ${(err as Error).message}.`);
  }
}

export async function planListen(opts: { host: string; tlsCert?: string; tlsKey?: string }): Promise<ListenPlan> {
  const { host, tlsCert, tlsKey } = opts;
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new HostConfigError('Give both a TLS certificate and its private key (--tls-cert and --tls-key), or neither.');
  }
  if (tlsCert === undefined || tlsKey === undefined) {
    if (!isLoopback(host)) {
      throw new HostConfigError(
        `Refusing to listen on ${host} without TLS: other machines would see passwords, session tokens and patient data in clear. ` +
          'Give a certificate and key (--tls-cert, --tls-key) to serve HTTPS, or listen on 127.0.0.1.',
      );
    }
    return { host, scheme: 'http', tls: null };
  }
  const cert = await readPem(tlsCert, 'certificate');
  const key = await readPem(tlsKey, 'private key');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (err) {
    throw new HostConfigError(`The file ${tlsCert} is not a PEM certificate: ${(err as Error).message}.`);
  }
  return { host, scheme: 'https', tls: { cert, key, certificate } };
}

/** URL.hostname spelling: lower case, IPv6 in brackets. */
function urlHostname(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host.toLowerCase();
}

export function siteFor(plan: ListenPlan, port: number): Site {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  // On all interfaces the printed URL uses the machine's name, so that must pass too.
  names.add(isWildcard(plan.host) ? machineName().toLowerCase() : urlHostname(plan.host));
  const certificate = plan.tls?.certificate;
  if (!certificate) return { scheme: plan.scheme, port, names };
  // Behind TLS the browser has already checked the name against the certificate,
  // so every name the certificate is valid for is one of ours.
  const alsoNamed = (hostname: string): boolean => {
    const ip = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    if (isIP(ip) !== 0) return certificate.checkIP(ip) !== undefined;
    return certificate.checkHost(hostname, { subject: 'never', partialWildcards: false }) !== undefined;
  };
  return { scheme: plan.scheme, port, names, alsoNamed };
}

/** The address to print for people to open. */
export function publicUrl(plan: ListenPlan, port: number): string {
  const name = isWildcard(plan.host) ? machineName().toLowerCase() : urlHostname(plan.host);
  return `${plan.scheme}://${name}:${port}`;
}

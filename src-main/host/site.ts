/**
 * Who the host is, as browsers see it, and the Host/Origin checks built on it.
 *
 * A page on another site cannot read the API (no CORS), but it could still try
 * to drive it: by posting to it (Origin check) or by DNS rebinding, where an
 * attacker's host name is pointed at 127.0.0.1 so the browser treats the
 * console as same-origin with the attacker (Host check: the request then
 * names the attacker's host, which is not one of ours).
 */
export type Scheme = 'http' | 'https';

export interface Site {
  scheme: Scheme;
  port: number;
  /** Lower-case host names and IPs (IPv6 in brackets, as URL.hostname has them). */
  names: ReadonlySet<string>;
  /** Further names, e.g. those the TLS certificate is valid for. */
  alsoNamed?: (hostname: string) => boolean;
}

const DEFAULT_PORTS: Record<Scheme, number> = { http: 80, https: 443 };
// Anything that would make URL parsing read more than host[:port] out of it.
const NOT_AN_AUTHORITY = /[/\\@?#\s]/;

function authorityAllowed(site: Site, authority: string): boolean {
  if (authority === '' || NOT_AN_AUTHORITY.test(authority)) return false;
  let url: URL;
  try {
    url = new URL(`${site.scheme}://${authority}`);
  } catch {
    return false;
  }
  const port = url.port === '' ? DEFAULT_PORTS[site.scheme] : Number(url.port);
  return port === site.port && (site.names.has(url.hostname) || site.alsoNamed?.(url.hostname) === true);
}

/** The Host header names this server (HTTP/1.1 always sends one). */
export function hostAllowed(site: Site, host: string | undefined): boolean {
  return host !== undefined && authorityAllowed(site, host);
}

/** No Origin header (curl, tests) passes; a present one must be our own origin. */
export function originAllowed(site: Site, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // Rejects 'null' (sandboxed frames, file:) and anything with a path or another scheme.
  return url.protocol === `${site.scheme}:` && url.origin === origin && authorityAllowed(site, url.host);
}

/** Why a request was refused, or null when it may proceed. */
export function refusal(site: Site, headers: { host?: string; origin?: string }): string | null {
  if (!hostAllowed(site, headers.host)) return 'This address is not one the Vigil host answers to.';
  if (!originAllowed(site, headers.origin)) return 'Requests from other web pages are refused.';
  return null;
}

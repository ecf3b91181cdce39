/**
 * Which hosts are this machine itself. Plain http:// is accepted only to
 * these (a bearer token, a Basic password or PHI in clear never leaves the
 * machine) unless an admin allows it for one connection.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True for an http:// URL to a host other than this machine. */
export function isPlainHttpOffMachine(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && !isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}

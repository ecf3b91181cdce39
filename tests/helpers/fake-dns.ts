/**
 * DNS answered from a table, for the outbound guard: names resolve where a
 * test says (a loopback server, or a refused address that is never
 * connected to), so no test ever asks a real resolver or leaves loopback.
 */
import type { lookup } from 'node:dns';
import { isIP } from 'node:net';

export function fakeDns(table: Record<string, string>): typeof lookup & { asked: string[] } {
  const asked: string[] = [];
  const resolve = ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: Array<{ address: string; family: number }>) => void) => {
    asked.push(hostname);
    const address = table[hostname.toLowerCase()];
    if (address === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      return;
    }
    callback(null, [{ address, family: isIP(address) }]);
  }) as unknown as typeof lookup & { asked: string[] };
  resolve.asked = asked;
  return resolve;
}

/**
 * Bounds on what connections may hold of the host, so that one client (or a
 * flood) cannot take every socket, file descriptor or parser from the wall
 * displays and the people using the console:
 * - at most maxConnections sockets in all (event sockets included), and
 *   maxConnectionsPerSource from any one remote address (this machine is not
 *   capped: it can stop the host anyway);
 * - headers must arrive within headersTimeoutMs and the whole request within
 *   requestTimeoutMs (slowloris), checked every second rather than Node's 30 s;
 * - an idle keep-alive connection closes after keepAliveTimeoutMs.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { CallSource } from '../dispatch';
import { sourceKey } from '../dispatch';

export interface HttpLimits {
  maxConnections: number;
  maxConnectionsPerSource: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  // Room for the 200 signed-in event sockets, their tabs' API calls and plenty to spare;
  // Node raises its open-file limit to the hard limit (usually far above this) at start.
  maxConnections: 1024,
  // Several wall displays behind one NAT share an address; one address alone still cannot take the host.
  maxConnectionsPerSource: 128,
  headersTimeoutMs: 10_000,
  // The largest body (1 MiB) over a slow link; answering may take longer, this bounds only receiving.
  requestTimeoutMs: 30_000,
  // Node's own default, set here so the bound is written down with the others.
  keepAliveTimeoutMs: 5_000,
};

/** For http(s).createServer: how often Node looks for requests past their timeouts. */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;

export function applyHttpLimits(server: Server, limits: HttpLimits, sourceOf: (socket: Socket) => CallSource): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;

  const perSource = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const source = sourceOf(socket);
    if (source.kind === 'local') return;
    const key = sourceKey(source);
    const open = perSource.get(key) ?? 0;
    if (open >= limits.maxConnectionsPerSource) {
      socket.destroy();
      return;
    }
    perSource.set(key, open + 1);
    socket.once('close', () => {
      const left = (perSource.get(key) ?? 1) - 1;
      if (left === 0) perSource.delete(key);
      else perSource.set(key, left);
    });
  });
}

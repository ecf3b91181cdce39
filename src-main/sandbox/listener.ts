/**
 * One listening socket that can be taken down and brought back on the same
 * port. Down means down: the listener closes, so new connections are refused
 * (ECONNREFUSED), and open ones, idle keep-alive sockets included, are
 * destroyed (ECONNRESET), as when an EHR's host or load balancer goes away.
 */
import type { Server } from 'node:net';
import { once } from 'node:events';

/** What http.Server and https.Server have beyond net.Server. */
type HttpServer = Server & { closeAllConnections(): void };

export class Listener {
  private port: number;

  constructor(
    private readonly server: HttpServer,
    private readonly host: string,
    port: number,
  ) {
    this.port = port;
  }

  get listening(): boolean {
    return this.server.listening;
  }

  /** Listens on the port given at construction; if that was 0, keeps the one the system chose. */
  async open(): Promise<void> {
    if (this.server.listening) return;
    this.server.listen(this.port, this.host);
    // once() rejects if 'error' (EADDRINUSE, say) comes first.
    await once(this.server, 'listening');
    const address = this.server.address();
    if (address && typeof address === 'object') this.port = address.port;
  }

  async shut(): Promise<void> {
    if (!this.server.listening) return;
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  origin(scheme: 'http' | 'https'): string {
    return `${scheme}://${this.host}:${this.port}`;
  }
}

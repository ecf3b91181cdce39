/**
 * The browser host: Vigil's services over HTTP(S) and a WebSocket, for NOC wall
 * displays, `npm run console` and the end-to-end tests. It serves the built
 * renderer, POST /api/<channel> and the event socket at /api/events, all from
 * one origin, and answers only to its own origin (see site.ts).
 *
 * Every call carries its source, from the socket's peer (call-source.ts):
 * sign-in throttling and first-run setup treat this machine and the network
 * differently. Connections are bounded in number, per address and in time
 * (connection-limits.ts).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { createVigil, type Vigil, type VigilOptions } from '../app';
import { createLogger } from '../log';
import { createApiHandler } from './api';
import { callSourceOf, isLoopbackPeer, type IsLocalAddress } from './call-source';
import { applyHttpLimits, CONNECTIONS_CHECKING_INTERVAL_MS, DEFAULT_HTTP_LIMITS, type HttpLimits } from './connection-limits';
import { createEventSockets, DEFAULT_EVENT_SOCKET_LIMITS, refuseUpgrade, type EventSocketLimits } from './event-sockets';
import { HostConfigError, planListen, publicUrl, siteFor, type ListenPlan } from './listen-plan';
import { sendError, sendText } from './responses';
import { refusal } from './site';
import { createStaticHandler } from './static-files';

export interface HostOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; anything not loopback needs tlsCert and tlsKey. */
  host?: string;
  dataDir: string;
  /** Path of a PEM certificate (chain); with tlsKey the host serves HTTPS and WSS. */
  tlsCert?: string;
  /** Path of the PEM private key for tlsCert. */
  tlsKey?: string;
  /** The built renderer; defaults to out/renderer under the working directory. */
  rendererDir?: string;
  vigilOptions?: Partial<VigilOptions>;
  eventSocketLimits?: Partial<EventSocketLimits>;
  httpLimits?: Partial<HttpLimits>;
  /**
   * Which peer addresses are this machine; loopback by default. Tests narrow
   * it (say, to 127.0.0.1 alone) so that another loopback address stands in
   * for a remote computer without leaving the machine.
   */
  isLocalAddress?: IsLocalAddress;
}

export interface Host {
  url: string;
  vigil: Vigil;
  /** While no account exists: the code first-run setup from another computer needs (the console prints it). */
  setupCode(): string | null;
  close(): Promise<void>;
}

export { HostConfigError };

const API_PREFIX = '/api/';
const EVENTS_PATH = '/api/events';

function createServer(plan: ListenPlan): Server {
  const options = { connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS };
  if (!plan.tls) return createHttpServer(options);
  try {
    return createHttpsServer({ ...options, cert: plan.tls.cert, key: plan.tls.key });
  } catch (err) {
    throw new HostConfigError(`The TLS certificate and key cannot be used together: ${(err as Error).message}.`);
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new HostConfigError(`Port ${port} on ${host} is already in use. Stop whatever holds it, or choose another port (--port).`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new HostConfigError(`${host} is not an address of this machine (--host).`));
      else if (err.code === 'EACCES') reject(new HostConfigError(`Not allowed to listen on port ${port}; choose a port above 1023 (--port).`));
      else reject(err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}

export async function startHost(opts: HostOptions): Promise<Host> {
  // Settings are checked before the store is opened, so a refusal touches nothing.
  const plan = await planListen({ host: opts.host ?? '127.0.0.1', tlsCert: opts.tlsCert, tlsKey: opts.tlsKey });
  const log = opts.vigilOptions?.log ?? createLogger();
  const serveStatic = createStaticHandler(opts.rendererDir ?? resolve('out/renderer'));

  const server = createServer(plan);
  const isLocal = opts.isLocalAddress ?? isLoopbackPeer;
  const sourceOf = (socket: Socket) => callSourceOf(socket.remoteAddress, isLocal);
  applyHttpLimits(server, { ...DEFAULT_HTTP_LIMITS, ...opts.httpLimits }, sourceOf);
  const vigil = await createVigil({ ...opts.vigilOptions, log, dataDir: opts.dataDir });
  const serveApi = createApiHandler(vigil.dispatch);

  let port: number;
  try {
    port = await listen(server, opts.port ?? 0, plan.host);
  } catch (err) {
    await vigil.close();
    throw err;
  }
  // Handlers are attached only now: the Host check needs the port that was actually bound.
  const site = siteFor(plan, port);
  const sockets = createEventSockets({
    events: vigil.events,
    sessions: vigil.sessions,
    site,
    log,
    limits: { ...DEFAULT_EVENT_SOCKET_LIMITS, ...opts.eventSocketLimits },
  });

  // Requests still being answered; stopping waits for them so no handler finds the store closed under it.
  const inFlight = new Set<Promise<void>>();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refused = refusal(site, req.headers);
    if (refused) {
      sendError(res, 403, { code: 'FORBIDDEN', message: refused });
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handled = (
      path.startsWith(API_PREFIX) ? serveApi(req, res, path.slice(API_PREFIX.length), sourceOf(req.socket)) : serveStatic(req, res, path)
    ).catch((err: unknown) => {
      log.error('host request failed', { path, error: err });
      if (!res.headersSent) sendText(res, 500, 'Vigil could not answer this request; the details are in the log.');
      else res.destroy();
    });
    inFlight.add(handled);
    void handled.then(() => inFlight.delete(handled));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '').split('?')[0] !== EVENTS_PATH) refuseUpgrade(socket, 404, 'No WebSocket here.');
    else sockets.handleUpgrade(req, socket, head, sourceOf(req.socket));
  });

  let closing: Promise<void> | null = null;
  return {
    url: publicUrl(plan, port),
    vigil,
    setupCode: () => vigil.setupCode(),
    close: () => {
      closing ??= (async () => {
        await sockets.close();
        const serverClosed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
        server.closeIdleConnections();
        await Promise.all(inFlight);
        // Keep-alive connections would otherwise hold the server open until they time out.
        server.closeAllConnections();
        await serverClosed;
        await vigil.close();
      })();
      return closing;
    },
  };
}

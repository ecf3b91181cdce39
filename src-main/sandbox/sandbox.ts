/**
 * The embedded sandbox EHR: a FHIR R4 server with sample data, a SMART token
 * endpoint, vendor flavours and fault switches, started in-process on
 * 127.0.0.1. The first start of Vigil connects to it, and the tests and
 * benchmarks use it as their EHR.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { systemClock, type Clock } from '../clock';
import { ClientRegistry, type ClientRegistration } from './clients';
import { FaultInjector, type SandboxStats } from './faults';
import { FhirApi } from './fhir-api';
import { Listener } from './listener';
import { outcome } from './responses';
import { route, TOKEN_PATH, type SandboxCore } from './routes';
import { generateSampleData } from './sample-data';
import { applyStatePatch, DEFAULT_STATE, type SandboxFlavour, type SandboxState, type SandboxStatePatch } from '../../src-shared/sandbox-state';
import { createSandboxCertificates, type SandboxCertificates } from './tls';
import { TokenStore } from './tokens';


const IDLE_SOCKET_MS = 65_000;
export interface SandboxOptions {
  /** 0 (the default) lets the system choose. */
  port?: number;
  tlsPort?: number;
  /** Loopback only, by type: the sandbox holds no real data but must never be reachable from the network. */
  host?: '127.0.0.1';
  flavour?: SandboxFlavour;
  patients?: number;
  /** Seeds the sample data and the error-rate draws. */
  seed?: number;
  tls?: boolean;
  /** Days the TLS server certificate stays valid, so certificate-expiry alerts can be seen. Default 90. */
  tlsCertDays?: number;
  tokenTtlSeconds?: number;
  requireAuth?: boolean;
  clock?: Clock;
}

export interface Sandbox {
  /** http://127.0.0.1:<port>/fhir */
  readonly baseUrl: string;
  readonly tokenEndpoint: string;
  /** The HTTPS FHIR base while the TLS switch is on. */
  readonly tlsBaseUrl: string | undefined;
  /** The CA to trust for the TLS listener, once TLS has been switched on. */
  readonly caPem: string | undefined;
  /** Base n (0–999999) of the virtual endpoints, which share the data but are distinct URLs to a client. */
  virtualBaseUrl(n: number): string;
  registerClient(reg: ClientRegistration): void;
  get(): SandboxState;
  /** Validates the patch (rejecting with a ZodError) and applies it, listeners included. */
  set(patch: SandboxStatePatch): Promise<SandboxState>;
  stats(): SandboxStats;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const clock = opts.clock ?? systemClock;
  const host = opts.host ?? '127.0.0.1';
  const seed = opts.seed ?? 1;
  const started = clock.now();
  let state = applyStatePatch(DEFAULT_STATE, {
    flavour: opts.flavour,
    tls: opts.tls,
    tokenTtlSeconds: opts.tokenTtlSeconds,
    requireAuth: opts.requireAuth,
  });

  const lifetime = new AbortController();
  const faults = new FaultInjector(seed, lifetime.signal);
  const core: SandboxCore = {
    state: () => state,
    fhir: await FhirApi.create(generateSampleData({ patients: opts.patients ?? 50, seed, now: started })),
    clients: new ClientRegistry(clock),
    tokens: new TokenStore(clock),
    published: new Date(started),
  };

  const handler = (origin: () => string): RequestListener => (req, res) => {
    void serve(core, faults, origin(), req, res);
  };
  const server = createServer(handler(() => http.origin('http')));
  // Like an EHR's load balancer, keep idle connections for a minute: Node's 5 s would make every 30 s probe reconnect.
  server.keepAliveTimeout = IDLE_SOCKET_MS;
  const http: Listener = new Listener(server, host, opts.port ?? 0);
  let tls: Listener | undefined;
  let certificates: SandboxCertificates | undefined;

  /** Brings the listeners in line with the state; the one place that opens or closes them. */
  const reconcile = async (next: SandboxState): Promise<void> => {
    if (next.tls && !tls) {
      // Wall-clock time, not the injected clock: TLS clients check validity against their own real clock.
      certificates = await createSandboxCertificates(Date.now(), opts.tlsCertDays ?? 90);
      const tlsServer = createTlsServer({ key: certificates.keyPem, cert: certificates.certPem }, handler(() => tlsListener.origin('https')));
      tlsServer.keepAliveTimeout = IDLE_SOCKET_MS;
      const tlsListener: Listener = new Listener(tlsServer, host, opts.tlsPort ?? 0);
      tls = tlsListener;
    }
    await (next.faults.down ? http.shut() : http.open());
    if (tls) await (next.tls && !next.faults.down ? tls.open() : tls.shut());
  };

  await reconcile(state);

  // set() calls run one after another, so two switches flipped together cannot interleave their listener changes.
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  return {
    get baseUrl() {
      return `${http.origin('http')}/fhir`;
    },
    get tokenEndpoint() {
      return http.origin('http') + TOKEN_PATH;
    },
    get tlsBaseUrl() {
      return tls && state.tls ? `${tls.origin('https')}/fhir` : undefined;
    },
    get caPem() {
      return certificates?.caPem;
    },
    virtualBaseUrl: (n) => `${http.origin('http')}/v/${n}/fhir`,
    registerClient: (reg) => core.clients.register(reg),
    get: () => structuredClone(state),
    set(patch) {
      const run = queue.then(async () => {
        if (closed) throw new Error('The sandbox is closed.');
        const next = applyStatePatch(state, patch);
        await reconcile(next);
        state = next;
        return structuredClone(next);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    stats: () => ({ ...faults.stats }),
    async close() {
      closed = true;
      await queue;
      lifetime.abort();
      await Promise.all([http.shut(), tls?.shut()]);
    },
  };
}

/** One request through the switches: delay, then a fault's answer or the real one, then the wire faults. */
async function serve(core: SandboxCore, faults: FaultInjector, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  faults.stats.requests++;
  try {
    await faults.delay(core.state().faults);
    const response = faults.intercept(core.state().faults) ?? (await route(core, origin, req));
    if (!res.destroyed) await faults.send(res, response, core.state().faults);
  } catch (err) {
    // Closing the sandbox aborts pending delays; those requests' sockets are already gone.
    if (isAbort(err) || res.destroyed) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const failure = outcome(500, 'exception', err instanceof Error ? err.message : String(err));
    res.writeHead(failure.status, { 'content-type': failure.contentType }).end(JSON.stringify(failure.body));
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

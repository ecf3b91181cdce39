/**
 * The embedded sandbox EHR inside the app. On a first start with no
 * connections Vigil makes a "Sandbox EHR" connection to it (SMART Backend
 * Services with a key it generates), so every screen has live data without
 * any setup. The sandbox forgets its registered clients when it stops, so on
 * every start the connection's credential is registered again; the sandbox
 * asks for its previous port first, and the connection follows if it moves.
 */
import type { JSONWebKeySet } from 'jose';
import type { z } from 'zod';
import type { sandboxInfoSchema } from '../../src-shared/contract';
import { fhirConnectionConfigSchema } from '../../src-shared/connection-config';
import { DEFAULT_STATE, type SandboxStatePatch } from '../../src-shared/sandbox-state';
import { auditTarget, type AuditWriter } from '../audit';
import type { Clock } from '../clock';
import { generateSigningKey } from '../ehr';
import type { Logger } from '../log';
import { DEFAULT_SCOPE, startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import type { ConnectionSecrets } from './connection-secrets';
import type { ConnectionRecord, ConnectionsRepo } from './connections-repo';
import type { ConnectionsService } from './connections-service';

export type SandboxInfo = z.infer<typeof sandboxInfoSchema>;

const SANDBOX_CONNECTION_NAME = 'Sandbox EHR';
const SANDBOX_CLIENT_ID = 'vigil-console';
const SANDBOX_KEY_ALG = 'ES384';

export interface SandboxLinkDeps {
  options: SandboxOptions;
  repo: ConnectionsRepo;
  service: ConnectionsService;
  secrets: ConnectionSecrets;
  clock: Clock;
  log: Logger;
  /** What Vigil does to the sandbox connection on its own is audited under the 'vigil' actor. */
  audit: AuditWriter;
}

export interface SandboxLink {
  info(): SandboxInfo;
  /** Rejects with a ZodError for a patch the state does not accept. */
  set(patch: SandboxStatePatch): Promise<SandboxInfo>;
  /** Lets a sandbox connection sign in with its current credential. */
  register(record: ConnectionRecord): Promise<void>;
  close(): Promise<void>;
}

/** The info sandbox.get answers with when Vigil runs without its sandbox. */
export const NO_SANDBOX: SandboxInfo = { running: false, baseUrl: null, state: DEFAULT_STATE };

function isLoopback(url: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
}

/** The port the sandbox connection last pointed at, to ask for again. */
function previousPort(record: ConnectionRecord | null): number | undefined {
  if (!record || !isLoopback(record.config.baseUrl)) return undefined;
  const port = Number(new URL(record.config.baseUrl).port);
  return port > 0 ? port : undefined;
}

async function start(options: SandboxOptions, remembered: number | undefined, log: Logger): Promise<Sandbox> {
  if (options.port !== undefined || remembered === undefined) return startSandbox(options);
  try {
    return await startSandbox({ ...options, port: remembered });
  } catch (err) {
    log.info('sandbox: previous port unavailable, using a new one', { port: remembered, error: err });
    return startSandbox({ ...options, port: 0 });
  }
}

export async function startSandboxLink(deps: SandboxLinkDeps): Promise<SandboxLink> {
  const { repo, service, secrets, log, audit } = deps;
  const existing = repo.findSandbox();
  const sandbox = await start({ clock: deps.clock, ...deps.options }, previousPort(existing), log);

  async function register(record: ConnectionRecord): Promise<void> {
    const { config } = record;
    switch (config.authMode) {
      case 'private_key_jwt':
        if (record.publicJwks) sandbox.registerClient({ clientId: config.clientId ?? '', jwks: record.publicJwks as JSONWebKeySet });
        return;
      case 'client_secret_basic':
      case 'client_secret_post': {
        const secret = await secrets.read(record.keychainRef, 'clientSecret');
        if (secret) sandbox.registerClient({ clientId: config.clientId ?? '', secret });
        return;
      }
      case 'basic': {
        // The sandbox's HTTP Basic mode accepts a registered client's id and secret as user and password.
        const password = await secrets.read(record.keychainRef, 'password');
        if (password && config.username) sandbox.registerClient({ clientId: config.username, secret: password });
        return;
      }
      case 'none':
        return;
    }
  }

  async function follow(record: ConnectionRecord): Promise<void> {
    const { config } = record;
    // A sandbox connection an admin pointed elsewhere is left where it points.
    if (isLoopback(config.baseUrl) && config.baseUrl !== sandbox.baseUrl) {
      const tokenEndpoint = config.tokenEndpoint && isLoopback(config.tokenEndpoint) ? sandbox.tokenEndpoint : config.tokenEndpoint;
      await service.update(record.id, { config: { ...config, baseUrl: sandbox.baseUrl, tokenEndpoint } }, 'vigil');
      log.info('sandbox: connection follows the sandbox to a new port', { connectionId: record.id, baseUrl: sandbox.baseUrl });
      audit.record('vigil', { action: 'connections.update', target: auditTarget.connection(record.id), detail: { reason: 'the sandbox moved to a new port', baseUrl: sandbox.baseUrl } });
    }
    const current = service.record(record.id);
    // A key lost from the keychain is replaced, so the zero-configuration connection keeps working.
    if (current.config.authMode === 'private_key_jwt' && (await secrets.read(current.keychainRef, 'privateKey')) === null) {
      await service.generateKey(current.id, SANDBOX_KEY_ALG, 'vigil');
      log.warn('sandbox: the sandbox connection had no key in the keychain; a new one was made', { connectionId: current.id });
      audit.record('vigil', { action: 'connections.generateKey', target: auditTarget.connection(current.id), detail: { reason: 'no key in the keychain', alg: SANDBOX_KEY_ALG } });
    }
    await register(service.record(record.id));
  }

  async function firstConnection(): Promise<void> {
    const key = await generateSigningKey(SANDBOX_KEY_ALG);
    const config = fhirConnectionConfigSchema.parse({
      name: SANDBOX_CONNECTION_NAME,
      vendor: 'generic',
      baseUrl: sandbox.baseUrl,
      authMode: 'private_key_jwt',
      clientId: SANDBOX_CLIENT_ID,
      scopes: [DEFAULT_SCOPE],
    });
    const { connection } = await service.create({ config, secret: { kind: 'privateKey', value: key.privateKeyPem } }, 'vigil', { sandbox: true });
    await register(service.record(connection.id));
    log.info('sandbox: made the Sandbox EHR connection', { connectionId: connection.id, baseUrl: sandbox.baseUrl });
    audit.record('vigil', { action: 'connections.create', target: auditTarget.connection(connection.id), detail: { name: config.name, sandbox: true, reason: 'first start' } });
  }

  try {
    if (existing) await follow(existing);
    else if (repo.count() === 0) await firstConnection();
  } catch (err) {
    await sandbox.close();
    throw err;
  }

  const info = (): SandboxInfo => ({ running: true, baseUrl: sandbox.baseUrl, state: sandbox.get() });
  return {
    info,
    async set(patch) {
      await sandbox.set(patch);
      return info();
    },
    register,
    close: () => sandbox.close(),
  };
}

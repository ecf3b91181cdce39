/**
 * Adding, changing and removing EHR connections. The settings go to SQLite,
 * the credential to the keychain, and every rule that keeps them apart and
 * consistent lives here: a credential must fit the auth mode, URLs may not
 * carry credentials of their own, a mode change drops the credentials the new
 * mode does not use, and the public JWKS always matches the stored key.
 */
import { randomUUID } from 'node:crypto';
import type { Connection, ConnectionSecret } from '../../src-shared/contract';
import type { FhirConnectionConfig, SigningAlg } from '../../src-shared/connection-config';
import type { Clock } from '../clock';
import { DispatchError } from '../dispatch';
import { generateSigningKey } from '../ehr';
import { OutboundRefusedError, type OutboundGuard } from '../net';
import { secretKindFor, type ConnectionSecrets, type SecretKind } from './connection-secrets';
import { DuplicateNameError, type ConnectionRecord, type ConnectionsRepo, type PublicJwks } from './connections-repo';
import { importKeyInput, jwksOf, jwksOfStoredKey } from './signing-keys';

export interface ConnectionInput {
  config: FhirConnectionConfig;
  secret?: ConnectionSecret;
}

/** A saved connection and the PHI-free facts of what changed, for the audit entry. */
export interface Saved {
  connection: Connection;
  detail: Record<string, unknown>;
}

export interface ConnectionsServiceDeps {
  repo: ConnectionsRepo;
  secrets: ConnectionSecrets;
  clock: Clock;
  /** Refuses link-local and metadata hosts when a connection is saved, not only when it is used. */
  outbound: OutboundGuard;
  /** After a connection was saved (record) or removed (null), by whom (a username or a system actor). */
  onChanged(id: number, record: ConnectionRecord | null, by: string): Promise<void>;
}

const KIND_LABEL: Record<SecretKind, string> = { privateKey: 'a private key', clientSecret: 'a client secret', password: 'a password' };
const URL_FIELDS = ['baseUrl', 'secondaryBaseUrl', 'tokenEndpoint', 'proxyUrl'] as const;
/** Audit details show before/after values up to this length; longer values (a CA bundle) only as changed. */
const AUDIT_VALUE_MAX = 200;

const invalid = (path: string[], message: string) => new DispatchError('INVALID_INPUT', message, [{ path, message }]);

export class ConnectionsService {
  constructor(private readonly deps: ConnectionsServiceDeps) {}

  async list(): Promise<Connection[]> {
    const inventory = await this.deps.secrets.inventory();
    return this.deps.repo.list().map((r) => this.present(r, inventory.get(r.keychainRef)));
  }

  async get(id: number): Promise<Connection> {
    return this.connection(this.record(id));
  }

  record(id: number): ConnectionRecord {
    const found = this.deps.repo.find(id);
    if (!found) throw new DispatchError('NOT_FOUND', `There is no connection ${id}; it may have been removed.`);
    return found;
  }

  async create(input: ConnectionInput, by: string, opts: { sandbox?: boolean } = {}): Promise<Saved> {
    const config = this.checked(withSecretKeyId(input.config, input.secret), input.secret);
    this.assertNameFree(config.name);
    const key = input.secret?.kind === 'privateKey' ? await importKeyInput(input.secret.value, config.keyId) : null;
    const keychainRef = randomUUID();
    if (input.secret) await this.deps.secrets.write(keychainRef, input.secret.kind, stored(input.secret));
    let id: number;
    try {
      const now = this.deps.clock.now();
      id = this.deps.repo.insert({ config, keychainRef, publicJwks: key ? jwksOf(key) : null, sandbox: opts.sandbox ?? false, keyCreatedAt: key ? now : null, now });
    } catch (err) {
      await this.deps.secrets.remove(keychainRef);
      throw err instanceof DuplicateNameError ? nameTaken(config.name) : err;
    }
    const connection = await this.saved(id, by);
    return {
      connection,
      detail: {
        name: config.name,
        vendor: config.vendor,
        authMode: config.authMode,
        baseUrl: config.baseUrl,
        secret: input.secret?.kind ?? null,
        ...(config.allowPlainHttp ? { allowPlainHttp: true } : {}),
      },
    };
  }

  async update(id: number, input: ConnectionInput, by: string): Promise<Saved> {
    const before = this.record(id);
    const config = this.checked(withSecretKeyId(input.config, input.secret), input.secret);
    this.assertNameFree(config.name, id);
    const ref = before.keychainRef;
    if (input.secret?.kind === 'privateKey') await importKeyInput(input.secret.value, config.keyId);
    if (input.secret) await this.deps.secrets.write(ref, input.secret.kind, stored(input.secret));

    const held = (await this.deps.secrets.inventory()).get(ref) ?? new Set<SecretKind>();
    const dropped = this.deps.secrets.unusedKinds(config.authMode).filter((k) => held.has(k));
    await this.deps.secrets.remove(ref, dropped);

    const publicJwks = await this.publicJwksFor(ref, config, input.secret);
    try {
      this.deps.repo.update(id, { config, publicJwks, now: this.deps.clock.now(), newKey: input.secret?.kind === 'privateKey' });
    } catch (err) {
      throw err instanceof DuplicateNameError ? nameTaken(config.name) : err;
    }
    const connection = await this.saved(id, by);
    const detail: Record<string, unknown> = { name: config.name, changed: configChanges(before.config, config) };
    if (input.secret) detail.secretReplaced = input.secret.kind;
    if (dropped.length > 0) detail.secretsRemoved = dropped;
    return { connection, detail };
  }

  async delete(id: number, by: string): Promise<Record<string, unknown>> {
    const record = this.record(id);
    // Credentials first: if the keychain refuses, nothing is removed and the delete can be retried.
    await this.deps.secrets.remove(record.keychainRef);
    this.deps.repo.delete(id);
    await this.deps.onChanged(id, null, by);
    return { name: record.config.name, sandbox: record.sandbox };
  }

  /**
   * A new key pair replaces the stored key. The configured kid is dropped: a
   * vendor holding the old public key under that kid must not be handed a
   * different key with the same name, so the new key goes by its thumbprint.
   */
  async generateKey(id: number, alg: SigningAlg, by: string): Promise<Saved> {
    const record = this.record(id);
    if (record.config.authMode !== 'private_key_jwt') {
      throw invalid(['id'], 'Only connections that sign in with SMART Backend Services (private_key_jwt) use a key pair; change the sign-in method first.');
    }
    const key = await generateSigningKey(alg);
    const { keyId: _replaced, ...config } = record.config;
    await this.deps.secrets.write(record.keychainRef, 'privateKey', key.privateKeyPem);
    this.deps.repo.update(id, { config, publicJwks: jwksOf(key), now: this.deps.clock.now(), newKey: true });
    return { connection: await this.saved(id, by), detail: { name: config.name, alg, kid: key.kid } };
  }

  private async saved(id: number, by: string): Promise<Connection> {
    const record = this.record(id);
    await this.deps.onChanged(id, record, by);
    return this.connection(record);
  }

  private async connection(record: ConnectionRecord): Promise<Connection> {
    return this.present(record, (await this.deps.secrets.inventory()).get(record.keychainRef));
  }

  private present(r: ConnectionRecord, held: Set<SecretKind> | undefined): Connection {
    const kind = secretKindFor(r.config.authMode);
    return {
      id: r.id,
      config: r.config,
      hasSecret: kind !== null && (held?.has(kind) ?? false),
      publicJwks: r.config.authMode === 'private_key_jwt' ? r.publicJwks : null,
      keyCreatedAt: r.config.authMode === 'private_key_jwt' ? r.keyCreatedAt : null,
      sandbox: r.sandbox,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      lastTest: r.lastTest,
    };
  }

  /** The JWKS for the key the connection will sign with: the one just given, else the stored one. */
  private async publicJwksFor(ref: string, config: FhirConnectionConfig, secret: ConnectionSecret | undefined): Promise<PublicJwks | null> {
    if (config.authMode !== 'private_key_jwt') return null;
    const material = secret?.kind === 'privateKey' ? secret.value : await this.deps.secrets.read(ref, 'privateKey');
    return material ? jwksOfStoredKey(material, config.keyId) : null;
  }

  private checked(config: FhirConnectionConfig, secret: ConnectionSecret | undefined): FhirConnectionConfig {
    for (const field of URL_FIELDS) {
      const url = config[field];
      if (url !== undefined && (new URL(url).username !== '' || new URL(url).password !== '')) {
        // Settings are stored in the database, where a password in a URL would sit in clear.
        throw invalid(['config', field], 'Remove the user name and password from this URL: credentials belong in the connection’s secret, which goes to the keychain.');
      }
      if (url !== undefined) {
        try {
          this.deps.outbound.checkUrl(url);
        } catch (err) {
          if (err instanceof OutboundRefusedError) throw invalid(['config', field], err.message);
          throw err;
        }
      }
    }
    if (secret) {
      const wanted = secretKindFor(config.authMode);
      if (wanted === null) throw invalid(['secret', 'kind'], 'This sign-in method uses no credential; leave the secret out.');
      if (secret.kind !== wanted) throw invalid(['secret', 'kind'], `This sign-in method uses ${KIND_LABEL[wanted]}, not ${KIND_LABEL[secret.kind]}.`);
    }
    return config;
  }

  private assertNameFree(name: string, exceptId?: number): void {
    if (this.deps.repo.nameTaken(name, exceptId)) throw nameTaken(name);
  }
}

/**
 * Names identify connections on alerts, tickets and the wall display, where
 * two "Epic production" entries could not be told apart: they are unique,
 * ignoring case.
 */
function nameTaken(name: string): DispatchError {
  const message = `A connection named "${name}" already exists; choose another name.`;
  return new DispatchError('CONFLICT', message, [{ path: ['config', 'name'], message }]);
}

/** An imported key's own keyId becomes the connection's, which is the kid the client signs with. */
function withSecretKeyId(config: FhirConnectionConfig, secret: ConnectionSecret | undefined): FhirConnectionConfig {
  if (secret?.kind !== 'privateKey' || secret.keyId === undefined) return config;
  if (config.keyId !== undefined && config.keyId !== secret.keyId) {
    throw invalid(['secret', 'keyId'], 'The key ID given with the key differs from the one in the settings; give one of them, or the same in both.');
  }
  return { ...config, keyId: secret.keyId };
}

/** Keys are stored as pasted, less surrounding blank lines; secrets and passwords exactly as typed. */
function stored(secret: ConnectionSecret): string {
  return secret.kind === 'privateKey' ? secret.value.trim() : secret.value;
}

function configChanges(before: FhirConnectionConfig, after: FhirConnectionConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof FhirConnectionConfig>;
  for (const field of fields) {
    const [from, to] = [before[field], after[field]];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    out[field] = shortScalar(from) && shortScalar(to) ? { from: from ?? null, to: to ?? null } : 'changed';
  }
  return out;
}

function shortScalar(v: unknown): boolean {
  return v === undefined || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= AUDIT_VALUE_MAX);
}

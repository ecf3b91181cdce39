/**
 * FHIR clients for stored connections. Patient snapshots share one client per
 * connection, so its token and pooled sockets are reused; the client is
 * closed and dropped as soon as the connection changes. Diagnostics take a
 * fresh client of their own, so a run starts from discovery and a new token.
 */
import type { FhirConnectionConfig } from '../../src-shared/connection-config';
import type { Clock } from '../clock';
import type { EhrSecrets } from '../ehr';
import { createFhirClient, type FhirClient } from '../ehr';
import type { OutboundGuard } from '../net';
import type { Logger } from '../log';
import type { ConnectionSecrets } from './connection-secrets';
import type { ConnectionRecord } from './connections-repo';

export interface ConnectionClientsDeps {
  secrets: ConnectionSecrets;
  clock: Clock;
  log: Logger;
  outbound: OutboundGuard;
}

export class ConnectionClients {
  private readonly shared = new Map<number, Promise<FhirClient>>();

  constructor(private readonly deps: ConnectionClientsDeps) {}

  /** The connection's shared client, built on first use. */
  sharedFor(record: ConnectionRecord): Promise<FhirClient> {
    let client = this.shared.get(record.id);
    if (!client) {
      client = this.fresh(record);
      this.shared.set(record.id, client);
      // A failed build (keychain locked, say) is not remembered: the next call tries again.
      client.catch(() => this.shared.get(record.id) === client && this.shared.delete(record.id));
    }
    return client;
  }

  /** A new client with the stored credential; the caller closes it. */
  async fresh(record: ConnectionRecord, config: FhirConnectionConfig = record.config): Promise<FhirClient> {
    return this.build(config, await this.deps.secrets.forClient(record.keychainRef, config.authMode));
  }

  build(config: FhirConnectionConfig, secrets: EhrSecrets): FhirClient {
    return createFhirClient(config, { secrets, clock: this.deps.clock, log: this.deps.log, outbound: this.deps.outbound });
  }

  /** Closes and forgets the connection's shared client, if it has one. */
  async invalidate(id: number): Promise<void> {
    const client = this.shared.get(id);
    if (!client) return;
    this.shared.delete(id);
    await client.then((c) => c.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.shared.keys()].map((id) => this.invalidate(id)));
  }
}

/**
 * The connections service: EHR connections in the store with their
 * credentials in the keychain, diagnostics, the patient snapshot, the
 * embedded sandbox (started when asked for) and its switches. Other
 * services read connections and run their checks through ConnectionsApi.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { CheckResult } from '../../src-shared/contract';
import type { SandboxStatePatch } from '../../src-shared/sandbox-state';
import type { AuditWriter } from '../audit';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { OutboundGuard } from '../net';
import { lazyPatientRef } from '../phi';
import type { SandboxOptions } from '../sandbox';
import type { SecretStore } from '../secrets';
import type { ServiceModule } from '../service-module';
import { ConnectionClients } from './connection-clients';
import { ConnectionSecrets } from './connection-secrets';
import { ConnectionsRepo, type ConnectionRecord } from './connections-repo';
import { ConnectionsService } from './connections-service';
import { connectionHandlers } from './handlers';
import { RepeatedChecks } from './repeated-checks';
import { startSandboxLink, type SandboxInfo, type SandboxLink } from './sandbox-link';

export type { ConnectionRecord } from './connections-repo';
export { DISCOVERY_EVERY_MS } from './repeated-checks';

export interface ConnectionsDeps {
  db: Database.Database;
  secrets: SecretStore;
  events: EventBus;
  clock: Clock;
  log: Logger;
  audit: AuditWriter;
  /** The outbound rules (the network service's guard). */
  outbound: OutboundGuard;
  /** false: no embedded sandbox; true or options: start it on 127.0.0.1. */
  sandbox: boolean | SandboxOptions;
}

export interface ConnectionsApi {
  list(): ConnectionRecord[];
  find(id: number): ConnectionRecord | null;
  /** The diagnostics steps now, on clients kept between calls (the monitor's probes); never throws for a failing server. */
  probe(record: ConnectionRecord): Promise<CheckResult[]>;
  /** Changes the embedded sandbox's switches (a runbook's drill); throws without a sandbox. */
  setSandbox(patch: SandboxStatePatch): Promise<SandboxInfo>;
}

export async function createConnectionsModule(deps: ConnectionsDeps): Promise<ServiceModule<ConnectionsApi>> {
  const { clock, log, events } = deps;
  const repo = new ConnectionsRepo(deps.db);
  const secrets = new ConnectionSecrets(deps.secrets);
  const clients = new ConnectionClients({ secrets, clock, log, outbound: deps.outbound });
  const repeated = new RepeatedChecks({ clients, clock });
  let sandbox: SandboxLink | null = null;

  const service = new ConnectionsService({
    repo,
    secrets,
    clock,
    outbound: deps.outbound,
    onChanged: async (id, record, by) => {
      await Promise.all([clients.invalidate(id), repeated.forget(id)]);
      // A new key or secret on the sandbox connection must reach the sandbox before anything signs in with it.
      if (record?.sandbox && sandbox) await sandbox.register(record);
      events.emit('connections.changed', { connectionId: id, by });
    },
  });

  if (deps.sandbox !== false) {
    try {
      sandbox = await startSandboxLink({ options: deps.sandbox === true ? {} : deps.sandbox, repo, service, secrets, clock, log, audit: deps.audit });
    } catch (err) {
      // The console is still useful without its demo EHR; the log says why it is missing.
      log.error('the embedded sandbox EHR could not start; running without it', { error: err });
    }
  }

  const patientRef = lazyPatientRef(deps.secrets);

  return {
    name: 'connections',
    handlers: connectionHandlers({ service, clients, repo, events, clock, sandbox, patientRef, audit: deps.audit }),
    api: {
      list: () => repo.list(),
      find: (id) => repo.find(id),
      probe: (record) => repeated.run(record),
      setSandbox: async (patch) => {
        if (!sandbox) throw new Error('This console runs without its embedded sandbox EHR.');
        return sandbox.set(patch);
      },
    },
    close: async () => {
      await Promise.all([repeated.closeAll(), clients.closeAll()]);
      await sandbox?.close();
    },
  };
}

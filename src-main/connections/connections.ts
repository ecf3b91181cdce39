/**
 * The connections service as the composition root sees it: its parts built
 * over the store and the keychain, the embedded sandbox started when asked
 * for, and one handler table for the channels it owns.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import type { HandlerTable } from '../dispatch/handler';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { createPatientRef } from '../phi/patient-ref';
import type { SandboxOptions } from '../sandbox/sandbox';
import type { SecretStore } from '../secrets/secret-store';
import { ConnectionClients } from './connection-clients';
import { ConnectionSecrets } from './connection-secrets';
import { ConnectionsRepo } from './connections-repo';
import { ConnectionsService } from './connections-service';
import { connectionHandlers, type ConnectionChannels } from './handlers';
import { startSandboxLink, type SandboxLink } from './sandbox-link';

export interface ConnectionsDeps {
  db: Database.Database;
  secrets: SecretStore;
  events: EventBus;
  clock: Clock;
  log: Logger;
  /** false: no embedded sandbox; true or options: start it on 127.0.0.1. */
  sandbox: boolean | SandboxOptions;
}

export interface Connections {
  handlers: HandlerTable<ConnectionChannels>;
  /** For the monitor, which probes every stored connection. */
  repo: ConnectionsRepo;
  clients: ConnectionClients;
  close(): Promise<void>;
}

export async function startConnections(deps: ConnectionsDeps): Promise<Connections> {
  const { clock, log, events } = deps;
  const repo = new ConnectionsRepo(deps.db);
  const secrets = new ConnectionSecrets(deps.secrets);
  const clients = new ConnectionClients({ secrets, clock, log });
  let sandbox: SandboxLink | null = null;

  const service = new ConnectionsService({
    repo,
    secrets,
    clock,
    onChanged: async (id, record) => {
      await clients.invalidate(id);
      // A new key or secret on the sandbox connection must reach the sandbox before anything signs in with it.
      if (record?.sandbox && sandbox) await sandbox.register(record);
      events.emit('connections.changed', { connectionId: id });
    },
  });

  if (deps.sandbox !== false) {
    try {
      sandbox = await startSandboxLink({ options: deps.sandbox === true ? {} : deps.sandbox, repo, service, secrets, clock, log });
    } catch (err) {
      // The console is still useful without its demo EHR; the log says why it is missing.
      log.error('the embedded sandbox EHR could not start; running without it', { error: err });
    }
  }

  // Made on first use: a console nobody looks up patients on never creates the salt.
  let refs: Promise<(patientId: string) => string> | undefined;
  const patientRef = async (patientId: string) => {
    refs ??= createPatientRef(deps.secrets).catch((err: unknown) => {
      refs = undefined;
      throw err;
    });
    return (await refs)(patientId);
  };

  return {
    handlers: connectionHandlers({ service, clients, repo, events, clock, sandbox, patientRef }),
    repo,
    clients,
    close: async () => {
      await clients.closeAll();
      await sandbox?.close();
    },
  };
}

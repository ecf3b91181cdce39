/** system.info: the console's version and the health of its store and keychain, what an admin checks first. */
import type { SecretStore } from '../secrets';
import type { ServiceModule } from '../service-module';
import type { Store } from '../store';
import { systemHandlers } from './handlers';

export interface SystemDeps {
  version: string;
  dataDir: string;
  startedAt: Date;
  store: Pick<Store, 'sizeBytes' | 'schemaVersion'>;
  secrets: SecretStore;
  auditEntries: () => number;
}

export function createSystemModule(deps: SystemDeps): ServiceModule {
  const { store, secrets } = deps;
  return {
    name: 'system',
    handlers: systemHandlers({
      version: deps.version,
      dataDir: deps.dataDir,
      startedAt: deps.startedAt,
      databaseBytes: () => store.sizeBytes(),
      schemaVersion: () => store.schemaVersion(),
      auditEntries: deps.auditEntries,
      keychain: async () => {
        await secrets.list();
        return `Unlocked and answering; Vigil's secrets are under "${secrets.service}"`;
      },
    }),
    api: undefined,
    close: () => {},
  };
}

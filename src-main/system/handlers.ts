/** system.info: what an admin checks first when something seems off. */
import type { HandlerTable } from '../dispatch';

export function systemHandlers(deps: {
  version: string;
  dataDir: string;
  startedAt: Date;
  databaseBytes: () => number;
  schemaVersion: () => number;
  auditEntries: () => number;
  keychain: () => Promise<string>;
}): HandlerTable<'system.info'> {
  return {
    'system.info': async () => ({
      version: deps.version,
      platform: `${process.platform} ${process.arch}`,
      nodeVersion: process.versions.node,
      dataDir: deps.dataDir,
      databaseBytes: deps.databaseBytes(),
      schemaVersion: deps.schemaVersion(),
      auditEntries: deps.auditEntries(),
      keychain: await deps.keychain(),
      startedAt: deps.startedAt.getTime(),
    }),
  };
}

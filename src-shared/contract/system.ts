/** The console's own health: version, data folder, store and keychain. */
import { z } from 'zod';
import { channel, empty, epochMs } from './define';

export const SYSTEM_CHANNELS = {
  'system.info': channel({
    summary: "The console's version and the health of its store and keychain",
    access: 'system.read',
    audited: false,
    input: empty,
    output: z.object({
      version: z.string(),
      platform: z.string(),
      nodeVersion: z.string(),
      dataDir: z.string(),
      databaseBytes: z.number().int().nonnegative(),
      schemaVersion: z.number().int().nonnegative(),
      auditEntries: z.number().int().nonnegative(),
      keychain: z.string(),
      startedAt: epochMs,
    }),
  }),
};

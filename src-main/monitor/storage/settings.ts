/** How long each level is kept, and how writes and pruning are paced. */
import { z } from 'zod';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

export const storageSettingsSchema = z
  .object({
    /** Raw results. At least 2 h: the hour still open is rebuilt from them after a restart. */
    rawRetentionMs: z.number().int().min(2 * HOUR_MS),
    /** Minute rollups. At least 25 h: the 24 h chart and the 24 h uptime read minutes. */
    minuteRetentionMs: z.number().int().min(DAY_MS + HOUR_MS),
    /** Hour and day rollups. At least 31 days: the 30 d uptime and chart read them. */
    rollupRetentionMs: z.number().int().min(31 * DAY_MS),
    /** Buffered results are written once this many are waiting… */
    batchRows: z.number().int().min(1).max(10_000),
    /** …or once the oldest has waited this long. A crash loses at most this much. */
    batchDelayMs: z.number().int().min(1).max(HOUR_MS),
    /** How often new results are read into the rollups; a whole number of minutes. */
    rollupIntervalMs: z
      .number()
      .int()
      .min(MINUTE_MS)
      .max(HOUR_MS)
      .refine((ms) => ms % MINUTE_MS === 0, 'a whole number of minutes'),
    pruneIntervalMs: z.number().int().min(MINUTE_MS).max(DAY_MS),
    /** Rows one DELETE removes before the event loop gets a turn. */
    pruneBatchRows: z.number().int().min(1).max(100_000),
  })
  .strict();

export type StorageSettings = z.infer<typeof storageSettingsSchema>;

/**
 * Minutes are kept for 48 h, not 400 days: at 500 connections probed every
 * 30 s a year of minute rollups is 263 million rows, many gigabytes. Two days
 * cover the 1 h and 24 h charts and the 24 h uptime to the minute; hours and
 * days cover the rest.
 */
export const DEFAULT_STORAGE_SETTINGS: StorageSettings = {
  rawRetentionMs: 7 * DAY_MS,
  minuteRetentionMs: 2 * DAY_MS,
  rollupRetentionMs: 400 * DAY_MS,
  batchRows: 500,
  batchDelayMs: 5_000,
  rollupIntervalMs: MINUTE_MS,
  pruneIntervalMs: 10 * MINUTE_MS,
  pruneBatchRows: 1_000,
};

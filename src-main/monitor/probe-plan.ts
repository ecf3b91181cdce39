/** How often and how patiently a target is probed. */
import { z } from 'zod';

export const MIN_INTERVAL_MS = 5_000;

export const probePlanSchema = z
  .object({
    intervalMs: z.number().int().min(MIN_INTERVAL_MS).max(24 * 3_600_000),
    /** A run still going after this is aborted and counts as a failure. */
    timeoutMs: z.number().int().min(100),
    /** Failed runs retried before the target is declared DOWN. */
    retries: z.number().int().min(0).max(10),
    retryIntervalMs: z.number().int().min(1_000),
  })
  .strict()
  // Otherwise a hung probe would still hold its slot when the next run is due.
  .refine((p) => p.timeoutMs <= p.intervalMs, { message: 'The timeout must not be longer than the interval', path: ['timeoutMs'] });

export type ProbePlan = z.infer<typeof probePlanSchema>;

export const DEFAULT_PROBE_PLAN: ProbePlan = { intervalMs: 30_000, timeoutMs: 10_000, retries: 2, retryIntervalMs: 10_000 };

/** The hash-chained audit trail: list, verify, export. */
import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { channel, empty, epochMs, event } from './define';

export const AUDIT_OUTCOMES = ['ok', ...ERROR_CODES] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  time: epochMs,
  /** Username, or a system actor ('vigil', 'scheduler') or 'anonymous'. */
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** PHI-free detail (redacted before it is written). */
  detail: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  firstBadSeq: z.number().int().positive().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

export const AUDIT_CHANNELS = {
  'audit.list': channel({
    summary: 'Page through the audit trail, newest first',
    access: 'audit.read',
    audited: false,
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        /** Cursor: return entries with seq below this one. */
        beforeSeq: z.number().int().positive().optional(),
        actor: z.string().min(1).max(64).optional(),
        action: z.string().min(1).max(64).optional(),
        from: epochMs.optional(),
        to: epochMs.optional(),
      })
      .strict(),
    output: z.object({
      entries: z.array(auditEntrySchema),
      total: z.number().int().nonnegative(),
      nextBeforeSeq: z.number().int().positive().nullable(),
    }),
  }),
  'audit.verify': channel({
    summary: 'Walk the hash chain and report the first entry that does not fit',
    access: 'audit.read',
    audited: false,
    input: empty,
    output: auditVerifySchema,
  }),
  'audit.export': channel({
    summary: 'Export the audit trail as JSON Lines with its hashes',
    access: 'audit.read',
    // Who took a copy of the trail, and of which range, is itself for the trail.
    audited: true,
    input: z.object({ from: epochMs.optional(), to: epochMs.optional() }).strict(),
    output: z.object({
      fileName: z.string(),
      /** Where the main process also saved the file, inside the data folder. */
      savedTo: z.string(),
      entries: z.number().int().nonnegative(),
      sha256: z.string(),
      content: z.string(),
    }),
  }),
};

export const AUDIT_EVENTS = {
  'audit.appended': event({
    summary: 'New audit entries were written',
    audience: 'audit.read',
    payload: z.object({ lastSeq: z.number().int().positive() }),
  }),
};

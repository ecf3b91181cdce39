/** The hash-chained audit trail: list, verify, export, its anchor outside the database, and its exports' retention. */
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

/**
 * The database's trail ends before the tip anchored in the OS keychain: its
 * newest entries were lost (an older copy of the file put back, or its -wal
 * deleted after a crash). Until an admin acknowledges it, nothing is added to
 * the trail and audited channels answer UNAVAILABLE with `message`.
 */
export const auditRollbackSchema = z.object({
  /** 'behind': the database ends before the anchored entry; 'replaced': it holds a different entry at that seq. */
  kind: z.enum(['behind', 'replaced']),
  /** The last entry the anchor holds. */
  anchoredSeq: z.number().int().nonnegative(),
  /** The last entry the database held when it was opened. */
  foundSeq: z.number().int().nonnegative(),
  /** The entries that cannot be found, missingFrom to missingTo inclusive. */
  missingFrom: z.number().int().positive(),
  missingTo: z.number().int().positive(),
  detectedAt: epochMs,
  /** Sign-ins, sign-outs and Vigil's own entries since, held in memory and written after the acknowledgement. */
  heldEntries: z.number().int().nonnegative(),
  message: z.string(),
});
export type AuditRollback = z.infer<typeof auditRollbackSchema>;

export const EXPORT_RETENTION_DAYS_DEFAULT = 30;

/** What the audit screen says beside the export button, and the export returns with the file. */
export function auditExportNotice(retentionDays: number): string {
  return (
    'Exports are plain, unencrypted JSON Lines: whoever can read the file can read the trail (user names, actions, patient refs). ' +
    `Vigil keeps its copy in the data folder's exports folder, readable by this account only, and deletes it after ${retentionDays} ` +
    `day${retentionDays === 1 ? '' : 's'}; guard any copy you take elsewhere the same way.`
  );
}

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
  'audit.status': channel({
    summary: "The trail's tip, its anchor in the OS keychain, a rollback found at start, and the export retention",
    access: 'audit.read',
    audited: false,
    input: empty,
    output: z.object({
      lastSeq: z.number().int().nonnegative(),
      /** The tip last written to the keychain; null before the first anchor is written. */
      anchoredSeq: z.number().int().nonnegative().nullable(),
      rollback: auditRollbackSchema.nullable(),
      exportRetentionDays: z.number().int().positive(),
      exportNotice: z.string(),
    }),
  }),
  'audit.acknowledgeRollback': channel({
    summary: 'Acknowledge the entries a rolled-back database lost, with a reason; the trail goes on from what the database holds',
    access: 'audit.manage',
    audited: true,
    input: z.object({ reason: z.string().trim().min(10, 'Say why, in at least 10 characters').max(500) }).strict(),
    output: z.object({
      missingFrom: z.number().int().positive(),
      missingTo: z.number().int().positive(),
      /** The entries written by the acknowledgement: what was found, then the held entries. */
      written: z.number().int().positive(),
      lastSeq: z.number().int().positive(),
    }),
  }),
  'audit.setExportRetention': channel({
    summary: 'How many days exported files are kept in the data folder before Vigil deletes them',
    access: 'audit.manage',
    audited: true,
    input: z.object({ days: z.number().int().min(1).max(3650) }).strict(),
    output: z.object({
      exportRetentionDays: z.number().int().positive(),
      /** Exports deleted at once under the new setting. */
      removed: z.number().int().nonnegative(),
    }),
  }),
  'audit.verify': channel({
    summary: 'Walk the hash chain and report the first entry that does not fit (progress arrives as audit.verifyProgress)',
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
      /** auditExportNotice: the file is plaintext, and when Vigil deletes its copy. */
      notice: z.string(),
    }),
  }),
};

export const AUDIT_EVENTS = {
  'audit.appended': event({
    summary: 'New audit entries were written',
    audience: 'audit.read',
    payload: z.object({ lastSeq: z.number().int().positive() }),
  }),
  'audit.verifyProgress': event({
    summary: 'How far a running verify has walked the chain',
    audience: 'audit.read',
    payload: z.object({ checked: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  }),
};

/**
 * The audit channels: list, verify, export (returned to the caller and also
 * kept in the data folder), the trail's status against its anchor, the
 * acknowledgement of a rollback, and the export retention.
 */
import { auditExportNotice } from '../../src-shared/contract';
import type { Clock } from '../clock';
import { DispatchError, type HandlerTable } from '../dispatch';
import type { ChainAnchor } from './anchor';
import { auditTarget } from './targets';
import type { AuditLog } from './audit-log';
import { exportFileName, saveExport } from '../exports';
import type { ExportRetention } from './retention';
import type { AuditSettings } from './settings';

export type AuditChannel =
  | 'audit.list'
  | 'audit.verify'
  | 'audit.export'
  | 'audit.status'
  | 'audit.acknowledgeRollback'
  | 'audit.setExportRetention';

export function auditHandlers(deps: {
  audit: AuditLog;
  anchor: ChainAnchor;
  settings: AuditSettings;
  retention: ExportRetention;
  exportDir: string;
  clock: Clock;
}): Pick<HandlerTable, AuditChannel> {
  const { audit, anchor, settings, exportDir, clock } = deps;
  return {
    'audit.list': (input) => audit.list(input),
    'audit.verify': () => audit.verify(),
    'audit.export': async (input, ctx) => {
      const { lines, entries, sha256 } = audit.exportJsonl(input);
      const fileName = exportFileName('audit', clock.now(), 'jsonl');
      const savedTo = await saveExport(exportDir, fileName, lines);
      ctx.audit({ detail: { entries, sha256 } });
      return { fileName, savedTo, entries, sha256, content: lines, notice: auditExportNotice(settings.exportRetentionDays()) };
    },
    'audit.status': () => {
      const days = settings.exportRetentionDays();
      return {
        lastSeq: audit.lastSeq(),
        anchoredSeq: anchor.anchoredSeq(),
        rollback: audit.rollback(),
        exportRetentionDays: days,
        exportNotice: auditExportNotice(days),
      };
    },
    'audit.acknowledgeRollback': async (input, ctx) => {
      const found = audit.rollback();
      if (!found) throw new DispatchError('CONFLICT', 'The audit trail is not rolled back: there is nothing to acknowledge.');
      const by = ctx.caller?.username ?? 'unknown';
      const { rollback, written, lastSeq } = audit.acknowledgeRollback(by);
      ctx.audit({
        target: auditTarget.auditTrail(),
        detail: { reason: input.reason, kind: rollback.kind, missingFrom: rollback.missingFrom, missingTo: rollback.missingTo },
      });
      // At once rather than a moment later: a crash now must not find the old anchor and report the same loss again.
      await anchor.flush();
      return { missingFrom: rollback.missingFrom, missingTo: rollback.missingTo, written, lastSeq };
    },
    'audit.setExportRetention': async (input, ctx) => {
      const before = settings.exportRetentionDays();
      settings.setExportRetentionDays(input.days);
      const removed = await deps.retention.run();
      ctx.audit({ target: auditTarget.auditExports(), detail: { from: before, to: input.days, removed } });
      return { exportRetentionDays: input.days, removed };
    },
  };
}

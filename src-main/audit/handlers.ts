/** The audit channels: list, verify, and export (returned to the caller and also kept in the data folder). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock';
import type { HandlerTable } from '../dispatch';
import type { AuditLog } from './audit-log';

export function auditHandlers(deps: {
  audit: AuditLog;
  exportDir: string;
  /** Names the export file; defaults to the system clock. */
  clock?: Clock;
}): Pick<HandlerTable, 'audit.list' | 'audit.verify' | 'audit.export'> {
  const { audit, exportDir } = deps;
  const clock = deps.clock ?? systemClock;
  return {
    'audit.list': (input) => audit.list(input),
    'audit.verify': () => audit.verify(),
    'audit.export': async (input, ctx) => {
      const { lines, entries, sha256 } = audit.exportJsonl(input);
      // ':' is not allowed in Windows file names.
      const fileName = `vigil-audit-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}.jsonl`;
      const savedTo = join(exportDir, fileName);
      // The trail names users and what they did: readable by this account only.
      await mkdir(exportDir, { recursive: true, mode: 0o700 });
      await writeFile(savedTo, lines, { mode: 0o600, flag: 'wx' });
      ctx.audit({ detail: { entries, sha256 } });
      return { fileName, savedTo, entries, sha256, content: lines };
    },
  };
}

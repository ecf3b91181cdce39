import { can } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { useAuditStatus, useExportAudit, useVerifyChain } from '../../api/audit';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { downloadText } from '../../lib/download';
import { formatCount } from '../../lib/format';
import { useSessionStore } from '../../state/session-store';
import { useUiStore } from '../../state/ui-store';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';
import { ExportResult } from './ExportResult';
import { ExportRetention } from './ExportRetention';
import { RollbackNotice } from './RollbackNotice';
import { VerifyProgress } from './VerifyProgress';
import { VerifyResult } from './VerifyResult';

export function AuditScreen() {
  const filters = useUiStore((s) => s.auditFilters);
  const setFilters = useUiStore((s) => s.setAuditFilters);
  const { check: verify, outdated, progress } = useVerifyChain();
  const exportAudit = useExportAudit();
  const status = useAuditStatus();
  const role = useSessionStore((s) => s.user?.role);
  const manages = role !== undefined && can(role, 'audit.manage');

  function runExport() {
    exportAudit.mutate(
      { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) },
      { onSuccess: (file) => downloadText(file.fileName, file.content, 'application/x-ndjson') },
    );
  }

  return (
    <>
      <ScreenHeader
        title="Audit"
        intro="Every change made through Vigil, newest first. Verify chain proves no entry was removed or altered; Export saves the entries between From and To (all when neither is set)."
        actions={
          <>
            <Button icon="shield" pending={verify.isPending} onClick={() => verify.mutate()}>
              Verify chain
            </Button>
            <Button icon="download" pending={exportAudit.isPending} onClick={runExport}>
              Export
            </Button>
          </>
        }
      />
      {status.data && (
        <p className="muted">
          Last entry #{formatCount(status.data.lastSeq)}
          {status.data.anchoredSeq === null ? '; not anchored in the keychain yet.' : `; anchored in the keychain up to #${formatCount(status.data.anchoredSeq)}, so a database put back to an older copy is found.`}
        </p>
      )}
      <div className="results">
        {status.data?.rollback && <RollbackNotice rollback={status.data.rollback} canAcknowledge={manages} />}
        {verify.isPending && <VerifyProgress progress={progress} />}
        {verify.isSuccess && <VerifyResult check={verify.data} outdated={outdated} />}
        {verify.isError && <Notice tone="error" title="Could not verify the chain">{errorText(verify.error)}</Notice>}
        {exportAudit.isSuccess && <ExportResult result={exportAudit.data} />}
        {exportAudit.isError && <Notice tone="error" title="Could not export">{errorText(exportAudit.error)}</Notice>}
      </div>
      {status.data && (
        <section className="panel" aria-labelledby="exports-title">
          <h2 id="exports-title">Exports</h2>
          <p>{status.data.exportNotice}</p>
          {manages && <ExportRetention days={status.data.exportRetentionDays} />}
        </section>
      )}
      <AuditFiltersForm filters={filters} onApply={setFilters} />
      <AuditTable filters={filters} />
    </>
  );
}

import { errorText } from '../../api/error-text';
import { useExportAudit, useVerifyChain } from '../../api/audit';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { downloadText } from '../../lib/download';
import { useUiStore } from '../../state/ui-store';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';
import { ExportResult } from './ExportResult';
import { VerifyResult } from './VerifyResult';

export function AuditScreen() {
  const filters = useUiStore((s) => s.auditFilters);
  const setFilters = useUiStore((s) => s.setAuditFilters);
  const { check: verify, outdated } = useVerifyChain();
  const exportAudit = useExportAudit();

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
      <div className="results">
        {verify.isSuccess && <VerifyResult check={verify.data} outdated={outdated} />}
        {verify.isError && <Notice tone="error" title="Could not verify the chain">{errorText(verify.error)}</Notice>}
        {exportAudit.isSuccess && <ExportResult result={exportAudit.data} />}
        {exportAudit.isError && <Notice tone="error" title="Could not export">{errorText(exportAudit.error)}</Notice>}
      </div>
      <AuditFiltersForm filters={filters} onApply={setFilters} />
      <AuditTable filters={filters} />
    </>
  );
}

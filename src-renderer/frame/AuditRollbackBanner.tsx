import { useAuditStatus } from '../api/audit';
import { Notice } from '../components/Notice';

/**
 * On every screen, for those who watch the trail: it lost entries and audited
 * actions are refused until an administrator acknowledges it on the Audit screen.
 */
export function AuditRollbackBanner() {
  const rollback = useAuditStatus().data?.rollback;
  if (!rollback) return null;
  return (
    <div className="results">
      <Notice tone="error" title={rollback.message}>
        <p>
          Audited actions are refused until an administrator acknowledges it. <a href="#/audit">Open the Audit screen</a>.
        </p>
      </Notice>
    </div>
  );
}

import { errorText } from '../../../api/error-text';
import { useVerifySharedAudit } from '../../../api/team';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';

/** Every workstation's audit chain and signatures in the shared database, and this one's against its copy. */
export function SharedAuditPanel() {
  const verify = useVerifySharedAudit();
  const result = verify.data;
  return (
    <section className="panel panel-wide" aria-labelledby="team-audit-title">
      <h2 id="team-audit-title">Audit across workstations</h2>
      <p className="muted">Checks every workstation&apos;s chain of entries and their signatures in the shared database, and that this workstation&apos;s own trail matches its copy there.</p>
      <div className="form-actions">
        <Button icon="shield" pending={verify.isPending} onClick={() => verify.mutate()}>
          Verify the audit across workstations
        </Button>
      </div>
      {verify.error && <Notice tone="error">{errorText(verify.error)}</Notice>}
      {result && (
        <div className="team-audit-result">
          {result.ok ? (
          <Notice tone="success" title="Every chain holds">
            {result.workstations.map((w) => `${w.workstation}: ${w.entries.toLocaleString()} entries`).join(' · ')}
          </Notice>
        ) : (
          <>
            <Notice tone="error" title={`${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`}>
              The entries below do not hold. Keep the shared database as it is and tell your safety officer.
            </Notice>
            <div className="table-wrap">
            <table className="table">
              <caption>Findings</caption>
              <thead>
                <tr>
                  <th scope="col">Workstation</th>
                  <th scope="col">Entry</th>
                  <th scope="col">What does not hold</th>
                </tr>
              </thead>
              <tbody>
                {result.findings.map((f, i) => (
                  <tr key={i}>
                    <td className="mono">{f.workstation}</td>
                    <td>{f.seq ?? 'All'}</td>
                    <td>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </>
          )}
        </div>
      )}
    </section>
  );
}

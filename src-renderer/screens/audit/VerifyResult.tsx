import type { AuditVerifyResult } from '../../../src-shared/contract';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';

export function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return <Notice tone="success" title={`Chain intact — ${formatCount(result.checked)} entries checked`} />;
  }
  const where = result.firstBadSeq !== null ? `Chain broken at entry #${result.firstBadSeq}` : 'Chain broken';
  return (
    <Notice tone="error" title={`${where}: ${result.reason ?? 'an entry does not fit the one before it'}`}>
      {formatCount(result.checked)} entries checked. Entries from there on cannot be trusted: export the trail and
      tell your security officer.
    </Notice>
  );
}

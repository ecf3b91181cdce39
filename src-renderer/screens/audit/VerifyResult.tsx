import type { ChainCheck } from '../../api/audit';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { localDateTime } from '../../lib/time';

const SINCE = 'New entries were added after this check. Verify chain again to include them.';

/**
 * The last chain check, with when it was made: an "intact" verdict is only
 * about the entries there were then, so once more arrive it says so.
 */
export function VerifyResult({ check: { result, checkedAt }, outdated }: { check: ChainCheck; outdated: boolean }) {
  const when = localDateTime(checkedAt);
  const entries = `${formatCount(result.checked)} entries checked at ${when}`;
  if (result.ok) {
    return outdated ? (
      <Notice tone="info" title={`Chain was intact — ${entries}`}>
        {SINCE}
      </Notice>
    ) : (
      <Notice tone="success" title={`Chain intact — ${entries}`} />
    );
  }
  const where = result.firstBadSeq !== null ? `Chain broken at entry #${result.firstBadSeq}` : 'Chain broken';
  return (
    <Notice tone="error" title={`${where}: ${result.reason ?? 'an entry does not fit the one before it'}`}>
      <p>
        {entries}. Entries from there on cannot be trusted: export the trail and tell your security officer.
      </p>
      {outdated && <p>{SINCE}</p>}
    </Notice>
  );
}

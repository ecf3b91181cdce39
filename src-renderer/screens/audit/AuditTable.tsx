import { Fragment } from 'react';
import { errorText } from '../../api/error-text';
import { useAuditList } from '../../api/audit';
import type { AuditFilters } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { formatCount, formatDateTime } from '../../lib/format';
import { AuditDetail } from './AuditDetail';
import { OutcomeLabel } from './OutcomeLabel';

const COLUMNS = 7;

/** A channel name may break after its dots, never inside a word. */
function ActionName({ action }: { action: string }) {
  return action.split('.').map((part, i) => (
    <Fragment key={i}>
      {i > 0 && '.'}
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

function filtered(filters: AuditFilters): boolean {
  return Object.values(filters).some(Boolean);
}

export function AuditTable({ filters }: { filters: AuditFilters }) {
  const audit = useAuditList(filters);
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];
  const total = audit.data?.pages[0]?.total ?? 0;

  return (
    <>
      {audit.isError && <Notice tone="error" title="Could not load the audit trail">{errorText(audit.error)}</Notice>}
      <div className="table-wrap">
        <table className="table audit-table" aria-busy={audit.isFetching || undefined}>
          <caption>Audit trail</caption>
          <thead>
            <tr>
              {/* Short values keep to their width; the detail takes the rest of the row. */}
              <th scope="col" className="shrink">
                #
              </th>
              <th scope="col" className="shrink">
                Time
              </th>
              <th scope="col" className="shrink">
                Actor
              </th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col" className="shrink">
                Outcome
              </th>
              <th scope="col" className="audit-detail">
                Detail
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <th scope="row" className="num">
                  {e.seq}
                </th>
                <td className="nowrap">
                  <time dateTime={e.time}>{formatDateTime(e.time)}</time>
                </td>
                <td className="nowrap">{e.actor}</td>
                <td className="mono">
                  <ActionName action={e.action} />
                </td>
                <td className="mono nowrap">{e.target ?? <span className="muted">—</span>}</td>
                <td className="nowrap">
                  <OutcomeLabel outcome={e.outcome} />
                </td>
                <td>
                  <AuditDetail detail={e.detail} />
                </td>
              </tr>
            ))}
            {audit.isSuccess && entries.length === 0 && (
              <tr>
                <td colSpan={COLUMNS} className="empty">
                  {filtered(filters) ? 'No entries match these filters.' : 'The audit trail is empty.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="table-more">
        <p className="table-summary" role="status">
          {audit.isPending
            ? 'Loading entries…'
            : `Showing ${formatCount(entries.length)} of ${formatCount(total)} ${filtered(filters) ? 'matching ' : ''}entries, newest first. Times are this computer's local time.`}
        </p>
        {audit.hasNextPage && (
          <Button pending={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            Load older
          </Button>
        )}
      </div>
    </>
  );
}

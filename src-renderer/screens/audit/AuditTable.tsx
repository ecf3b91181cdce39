import { Fragment } from 'react';
import { errorText } from '../../api/error-text';
import { useAuditList } from '../../api/audit';
import type { AuditFilters } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { isoOf, localDateTime } from '../../lib/time';
import { AuditDetail } from './AuditDetail';
import { OutcomeLabel } from './OutcomeLabel';

/** Short values keep to their width; the detail takes the rest of the row. */
const COLUMNS: Column[] = [
  { label: '#', className: 'shrink' },
  { label: 'Time', className: 'shrink' },
  { label: 'Actor', className: 'shrink' },
  'Action',
  'Target',
  { label: 'Outcome', className: 'shrink' },
  { label: 'Detail', className: 'audit-detail' },
];

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
      <DataTable
        caption="Audit trail"
        columns={COLUMNS}
        className="audit-table"
        busy={audit.isFetching}
        empty={audit.isSuccess && entries.length === 0 && (filtered(filters) ? 'No entries match these filters.' : 'The audit trail is empty.')}
      >
        {entries.map((e) => (
          <tr key={e.seq}>
            <th scope="row" className="num">
              {e.seq}
            </th>
            <td className="nowrap">
              <time dateTime={isoOf(e.time)}>{localDateTime(e.time)}</time>
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
      </DataTable>
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

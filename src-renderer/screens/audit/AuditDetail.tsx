import type { AuditEntry } from '../../../src-shared/contract';

/** Past this a value (a hash, a long list) is cut in the table; the full text is in its tooltip. */
const SHOWN_CHARS = 28;

function compact(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function DetailValue({ value }: { value: unknown }) {
  const full = compact(value);
  if (full.length <= SHOWN_CHARS) return <code>{full}</code>;
  return <code title={full}>{`${full.slice(0, SHOWN_CHARS - 1)}…`}</code>;
}

/** An entry's detail as key: value pairs on one wrapping line. */
export function AuditDetail({ detail }: { detail: AuditEntry['detail'] }) {
  if (!detail) return <span className="muted">—</span>;
  return (
    <ul className="detail-list">
      {Object.entries(detail).map(([key, value]) => (
        <li key={key}>
          <span className="detail-key">{key}:</span> <DetailValue value={value} />
        </li>
      ))}
    </ul>
  );
}

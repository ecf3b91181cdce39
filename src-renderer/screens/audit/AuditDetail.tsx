import type { AuditEntry } from '../../../src-shared/contract';

function compact(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An entry's detail as key: value pairs on one wrapping line. */
export function AuditDetail({ detail }: { detail: AuditEntry['detail'] }) {
  if (!detail) return <span className="muted">—</span>;
  return (
    <ul className="detail-list">
      {Object.entries(detail).map(([key, value]) => (
        <li key={key}>
          <span className="detail-key">{key}:</span> <code>{compact(value)}</code>
        </li>
      ))}
    </ul>
  );
}

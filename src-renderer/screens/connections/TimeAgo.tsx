import { formatAgo, formatDateTime } from '../../lib/format';

/** "3 min ago", with the exact local time on hover and for assistive technology via <time>. */
export function TimeAgo({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatAgo(iso, now)}
    </time>
  );
}

import { formatAgo, formatDateTime, isoOf } from '../../lib/format';

/** "3 min ago", with the exact local time on hover and for assistive technology via <time>. */
export function TimeAgo({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={isoOf(at)} title={formatDateTime(at)}>
      {formatAgo(at, now)}
    </time>
  );
}

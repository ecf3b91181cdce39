import { formatAgo, isoOf, localDateTime } from '../lib/time';

/** "3 min ago", with the exact local time on hover and, through <time>, for assistive technology. */
export function TimeAgo({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={isoOf(at)} title={localDateTime(at)}>
      {formatAgo(at, now)}
    </time>
  );
}

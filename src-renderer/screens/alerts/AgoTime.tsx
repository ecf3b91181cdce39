import { formatAgo, isoOf } from '../../lib/format';
import { localDateTime } from './time-words';

/** "12 min ago", with the exact local time on hover and, through <time>, for assistive technology. */
export function AgoTime({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={isoOf(at)} title={localDateTime(at)}>
      {formatAgo(at, now)}
    </time>
  );
}

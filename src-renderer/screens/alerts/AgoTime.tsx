import { formatAgo } from '../../lib/format';
import { isoOf, localDateTime } from './time-words';

/** "12 min ago", with the exact local time on hover and, through <time>, for assistive technology. */
export function AgoTime({ at, now }: { at: number; now: number }) {
  const iso = isoOf(at);
  return (
    <time dateTime={iso} title={localDateTime(at)}>
      {formatAgo(iso, now)}
    </time>
  );
}

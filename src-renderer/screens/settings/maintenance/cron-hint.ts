import { Cron } from 'croner';
import { localMinute, localRange } from '../../../lib/time';

const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

export const CRON_FORMAT = 'Minute, hour, day of month, month, day of week: 0 2 * * SUN is Sundays at 02:00.';

/**
 * When the pattern's next windows fall, in this computer's time, or null
 * while it does not parse: a cron pattern is easy to get subtly wrong, and
 * the dates show it at once.
 */
export function nextWindowsText(cron: string, timezone: string, durationMs: number | null): string | null {
  let starts: Date[];
  try {
    starts = new Cron(cron.trim(), { timezone: timezone.trim() || 'UTC' }).nextRuns(2);
  } catch {
    return null;
  }
  if (starts.length === 0) return 'This pattern never comes round again.';
  const shown = starts.map((s) => {
    const at = s.getTime();
    return `${weekday.format(s)} ${durationMs ? localRange(at, at + durationMs) : localMinute(at)}`;
  });
  return `Next: ${shown.join('; ')} (this computer’s time).`;
}

import { z } from 'zod';
import type { ChannelInput } from '../../../../src-shared/contract';
import { newMaintenanceWindowSchema } from '../../../../src-shared/monitoring';
import { boundsOf, fieldPaths, readField, reportIssues, wholeNumberText } from '../../../lib/form-fields';
import { LOCAL_TIME_PROBLEM, localMinute, parseLocalTime } from '../../../lib/time';

export type WindowKind = 'once' | 'recurring';
export type WindowRequest = ChannelInput<'maintenance.create'>;

/**
 * The form as typed, its fields named by their path in the
 * maintenance.create input. Times are local, year first, as every table
 * here shows them; durationMs is typed in minutes.
 */
export interface WindowValues {
  kind: WindowKind;
  /** '' for every target. */
  targetId: string;
  note: string;
  start: string;
  end: string;
  cron: string;
  durationMs: string;
  timezone: string;
}

const HOUR = 3_600_000;
const [, recurring] = newMaintenanceWindowSchema.options;
const durationMs = boundsOf(recurring.shape.durationMs);
export const DURATION_MINUTES = { min: durationMs.min / 60_000, max: durationMs.max / 60_000 };

/** Starts at the next full hour and lasts one: the usual shape of a change slot. */
export function newWindowValues(now: number): WindowValues {
  const start = Math.ceil(now / HOUR) * HOUR;
  return {
    kind: 'once',
    targetId: '',
    note: '',
    start: localMinute(start),
    end: localMinute(start + HOUR),
    cron: '0 2 * * SUN',
    durationMs: '120',
    timezone: 'UTC',
  };
}

/** The duration as typed, in minutes, read into milliseconds. */
const durationText = wholeNumberText(DURATION_MINUTES).transform((minutes) => minutes * 60_000);

/** The duration typed, in milliseconds, or null while it is not a number of minutes it can be. */
export function typedDurationMs(minutes: string): number | null {
  const read = durationText.safeParse(minutes);
  return read.success ? read.data : null;
}

/**
 * The window for main. The contract's own schema checks it (an end after
 * the start, a cron pattern croner accepts, a known time zone), so the form
 * says what main would; what only a person typing needs (a time in the
 * format, an end still to come, minutes) is checked first, in its words.
 */
export const windowSchema = z
  .object({
    kind: z.enum(['once', 'recurring']),
    targetId: z.string(),
    note: z.string(),
    start: z.string(),
    end: z.string(),
    cron: z.string(),
    durationMs: z.string(),
    timezone: z.string(),
  })
  .transform((form, ctx): WindowRequest => {
    const refuse = (field: keyof WindowValues, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const common = { targetId: form.targetId || null, note: form.note.trim() };
    let request: WindowRequest;
    if (form.kind === 'once') {
      const start = parseLocalTime(form.start);
      const end = parseLocalTime(form.end);
      if (start === null) refuse('start', LOCAL_TIME_PROBLEM);
      if (end === null) refuse('end', LOCAL_TIME_PROBLEM);
      else if (end <= Date.now()) refuse('end', 'This time has passed: a window must end in the future');
      request = { ...common, kind: 'once', start: start ?? 0, end: end ?? 0 };
    } else {
      const duration = readField(ctx, durationText, form.durationMs, ['durationMs']);
      request = { ...common, kind: 'recurring', cron: form.cron.trim(), durationMs: duration ?? 0, timezone: form.timezone.trim() };
    }
    reportIssues(ctx, newMaintenanceWindowSchema.safeParse(request).error?.issues, fieldPaths(form));
    return request;
  });

import { newMaintenanceWindowSchema } from '../../../../src-shared/monitoring';
import type { ChannelInput } from '../../../../src-shared/contract';
import { wholeNumber } from '../../../lib/rules';
import { LOCAL_TIME_PROBLEM, localMinute, parseLocalTime } from '../../../lib/time';

export type WindowKind = 'once' | 'recurring';
export type WindowRequest = ChannelInput<'maintenance.create'>;

/** The form as typed. Times are local, year first, as every table here shows them. */
export interface WindowDraft {
  kind: WindowKind;
  /** '' for every target. */
  targetId: string;
  note: string;
  start: string;
  end: string;
  cron: string;
  durationMinutes: string;
  timezone: string;
}

/** Field names are the contract's paths; the duration is typed in minutes but reported as durationMs. */
export const WINDOW_FIELDS = ['kind', 'targetId', 'note', 'start', 'end', 'cron', 'durationMs', 'timezone'] as const;

const HOUR = 3_600_000;
const MAX_MINUTES = 7 * 24 * 60;

/** Starts at the next full hour and lasts one: the usual shape of a change slot. */
export function newWindowDraft(now: number): WindowDraft {
  const start = Math.ceil(now / HOUR) * HOUR;
  return {
    kind: 'once',
    targetId: '',
    note: '',
    start: localMinute(start),
    end: localMinute(start + HOUR),
    cron: '0 2 * * SUN',
    durationMinutes: '120',
    timezone: 'UTC',
  };
}

function firstProblems(request: unknown): Record<string, string | undefined> {
  const problems: Record<string, string | undefined> = {};
  const parsed = newMaintenanceWindowSchema.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = String(issue.path[0] ?? '');
      problems[at] ??= issue.message;
    }
  }
  return problems;
}

/**
 * The window for main, or the problems by field. The contract's own schema
 * checks it (an end after the start, a cron pattern croner accepts, a known
 * time zone), so the form says what main would.
 */
export function buildWindow(d: WindowDraft, now: number): { request: WindowRequest | null; problems: Record<string, string | undefined> } {
  const common = { targetId: d.targetId || null, note: d.note.trim() };
  let request: WindowRequest;
  const typed: Record<string, string | undefined> = {};
  if (d.kind === 'once') {
    const start = parseLocalTime(d.start);
    const end = parseLocalTime(d.end);
    typed.start = start === null ? LOCAL_TIME_PROBLEM : undefined;
    typed.end = end === null ? LOCAL_TIME_PROBLEM : end <= now ? 'This time has passed: a window must end in the future' : undefined;
    request = { ...common, kind: 'once', start: start ?? 0, end: end ?? 0 };
  } else {
    const minutes = wholeNumber(d.durationMinutes, 1, MAX_MINUTES);
    if ('problem' in minutes) typed.durationMs = minutes.problem;
    request = { ...common, kind: 'recurring', cron: d.cron.trim(), durationMs: 'value' in minutes ? minutes.value * 60_000 : 0, timezone: d.timezone.trim() };
  }
  const problems = { ...firstProblems(request), ...Object.fromEntries(Object.entries(typed).filter(([, p]) => p)) };
  return Object.values(problems).some(Boolean) ? { request: null, problems } : { request, problems };
}

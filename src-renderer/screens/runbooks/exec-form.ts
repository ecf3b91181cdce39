import { z } from 'zod';
import { CHANNELS, type ChannelInput, type ChannelOutput } from '../../../src-shared/contract';
import { fieldPaths, reportIssues, wholeNumberText } from '../../lib/form-fields';

type ExecInput = ChannelInput<'runbooks.exec.set'>;
export type ExecList = ChannelOutput<'runbooks.exec.get'>;

const INPUT = CHANNELS['runbooks.exec.set'].input;

/** An allowed executable as typed: its arguments one per line, its timeout in seconds. */
export interface ExecRowValues {
  name: string;
  path: string;
  args: string;
  timeoutSeconds: string;
  note: string;
}

export interface ExecValues {
  entries: ExecRowValues[];
}

export const NEW_EXEC_ROW: ExecRowValues = { name: '', path: '', args: '', timeoutSeconds: '60', note: '' };

export function execValuesFrom(list: ExecList): ExecValues {
  return {
    entries: list.entries.map((e) => ({ name: e.name, path: e.path, args: e.args.join('\n'), timeoutSeconds: String(e.timeoutMs / 1000), note: e.note })),
  };
}

const seconds = wholeNumberText({ min: 1, max: 3_600 });

/** The list to send, whole; the contract words each problem, put on the field it names (timeoutMs on the seconds box). */
export const execSchema = z.object({ entries: z.array(z.object({ name: z.string(), path: z.string(), args: z.string(), timeoutSeconds: seconds, note: z.string() })) }).transform((form, ctx): ExecInput => {
  const entries = form.entries.map((e) => ({
    name: e.name.trim(),
    path: e.path.trim(),
    args: e.args.split('\n').map((a) => a.trim()).filter((a) => a !== ''),
    timeoutMs: e.timeoutSeconds * 1000,
    note: e.note.trim(),
  }));
  const issues = INPUT.safeParse({ entries }).error?.issues.map((i) => ({ ...i, path: i.path.map((p) => (p === 'timeoutMs' ? 'timeoutSeconds' : p)) }));
  reportIssues(ctx, issues, fieldPaths({ entries: form.entries }));
  return { entries };
});

/** Main names ['entries', i, key]; the list itself ('entries') goes above it. */
export function execField(path: string[]): string | undefined {
  const [list, index, key] = path;
  if (list !== 'entries') return undefined;
  if (index === undefined || key === undefined) return 'entries.root';
  return `entries.${Number(index)}.${key === 'timeoutMs' ? 'timeoutSeconds' : key}`;
}

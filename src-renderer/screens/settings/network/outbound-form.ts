import { z } from 'zod';
import { CHANNELS, type ChannelInput, type ChannelOutput } from '../../../../src-shared/contract';
import { fieldPaths, longestList, reportIssues } from '../../../lib/form-fields';

export type OutboundSettings = ChannelOutput<'network.outbound'>;
export type SavedException = OutboundSettings['exceptions'][number];
type OutboundInput = ChannelInput<'network.setOutbound'>;

const INPUT = CHANNELS['network.setOutbound'].input;

/** The most hosts the contract takes. */
export const MAX_EXCEPTIONS = longestList(INPUT.shape.exceptions, (i) => ({ host: `host-${i}.example`, note: 'a note' }));

/**
 * The list as typed, named by its path in the network.setOutbound input so
 * main's issues (['exceptions', 2, 'note']) land on their field. `saved`
 * marks a host already allowed: its name stays as it is (to allow another,
 * remove it and add that one), its note may change.
 */
export interface OutboundValues {
  exceptions: { host: string; note: string; saved: boolean }[];
}

export function valuesFrom(settings: OutboundSettings): OutboundValues {
  return { exceptions: settings.exceptions.map(({ host, note }) => ({ host, note, saved: true })) };
}

/** A host as main keeps it (trimmed, lower case), to match what is typed against what is saved. */
export function hostKey(host: string): string {
  return host.trim().toLowerCase();
}

/** Whether the form still shows what is saved, in the same order. */
export function showsSaved(values: { exceptions?: { host?: string; note?: string }[] }, settings: OutboundSettings): boolean {
  const shown = values.exceptions ?? [];
  return (
    shown.length === settings.exceptions.length &&
    shown.every((e, i) => hostKey(e.host ?? '') === settings.exceptions[i]?.host && e.note?.trim() === settings.exceptions[i]?.note)
  );
}

/**
 * The list to send, whole. A host typed twice is pointed out on the second
 * (most likely a slip for another); the contract has the last word on each
 * host and note, in its own words.
 */
export const outboundSchema = z
  .object({ exceptions: z.array(z.object({ host: z.string(), note: z.string(), saved: z.boolean() })) })
  .transform((form, ctx): OutboundInput => {
    // Sent as main keeps them, so what comes back matches what was typed.
    const exceptions = form.exceptions.map(({ host, note }) => ({ host: hostKey(host), note: note.trim() }));
    const seen = new Set<string>();
    exceptions.forEach(({ host }, i) => {
      if (host !== '' && seen.has(host)) ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'host'], message: `${host} is already in the list` });
      seen.add(host);
    });
    reportIssues(ctx, INPUT.safeParse({ exceptions }).error?.issues, fieldPaths(form));
    return { exceptions };
  });

/** Where main's issues land: a host's or note's field by its place in the list, the list as a whole above it. */
export function exceptionField(path: string[]): `exceptions.${number}.${'host' | 'note'}` | 'exceptions.root' | undefined {
  const [list, index, key] = path;
  if (list !== 'exceptions') return undefined;
  if (index === undefined || (key !== 'host' && key !== 'note')) return 'exceptions.root';
  return `exceptions.${Number(index)}.${key}`;
}

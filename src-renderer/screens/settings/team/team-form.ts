import { z } from 'zod';
import { CHANNELS, type ChannelInput } from '../../../../src-shared/contract';
import type { TeamStatus } from '../../../api/team';
import { boundsOf, fieldPaths, readField, reportIssues, wholeNumberText } from '../../../lib/form-fields';

const INPUT = CHANNELS['team.configure'].input;
type TeamInput = ChannelInput<'team.configure'>;

/** The connection as typed; the port as text so a half-typed one stays what the person sees. */
export interface TeamValues {
  host: string;
  port: string;
  database: string;
  user: string;
  /** Empty keeps the one in the keychain (when there is one). */
  password: string;
  tls: boolean;
}

export function valuesFrom(status: TeamStatus | undefined): TeamValues {
  const s = status?.settings;
  return { host: s?.host ?? '', port: String(s?.port ?? 5432), database: s?.database ?? '', user: s?.user ?? '', password: '', tls: s?.tls ?? true };
}

const PORT = wholeNumberText(boundsOf({ minValue: 1, maxValue: 65535 }));

/** Checked here with the contract's own rules (TLS except on loopback among them), each problem next to its field. */
export const teamSchema = z
  .object({ host: z.string(), port: z.string(), database: z.string(), user: z.string(), password: z.string(), tls: z.boolean() })
  .transform((form, ctx): TeamInput => {
    const port = readField(ctx, PORT, form.port, ['port']) ?? 5432;
    const input: TeamInput = {
      host: form.host.trim(),
      port,
      database: form.database.trim(),
      user: form.user.trim(),
      tls: form.tls,
      ...(form.password === '' ? {} : { password: form.password }),
    };
    reportIssues(ctx, INPUT.safeParse(input).error?.issues, fieldPaths(form));
    return input;
  });

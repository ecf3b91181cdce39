/** Where Vigil may send requests: the hosts an admin allowed despite the outbound rules. */
import { z } from 'zod';
import { channel, empty, epochMs } from './define';

/** A host name or an IP address, as it appears in a URL (IPv6 without brackets). */
const hostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter a host name or address')
  .max(253)
  .regex(/^[a-z0-9.:-]+$/, 'A host name or IP address: letters, digits, dots, dashes and colons');

export const outboundExceptionSchema = z.object({
  host: hostSchema,
  /** Why it is allowed, for the next admin. */
  note: z.string().trim().min(1, 'Say why this host is allowed').max(200),
});
export type OutboundException = z.infer<typeof outboundExceptionSchema>;

export const outboundSettingsSchema = z.object({
  exceptions: z
    .array(outboundExceptionSchema.extend({ addedBy: z.string(), addedAt: epochMs }))
    .max(50),
});

export const NETWORK_CHANNELS = {
  'network.outbound': channel({
    summary: 'The outbound rules: which refused hosts (link-local, cloud metadata) an administrator allowed, and why',
    access: 'network.manage',
    audited: false,
    input: empty,
    output: outboundSettingsSchema,
  }),
  'network.setOutbound': channel({
    summary: 'Replace the hosts allowed despite the outbound rules',
    access: 'network.manage',
    audited: true,
    input: z
      .object({ exceptions: z.array(outboundExceptionSchema).max(50) })
      .strict()
      .refine((v) => new Set(v.exceptions.map((e) => e.host)).size === v.exceptions.length, { message: 'Each host once', path: ['exceptions'] }),
    output: outboundSettingsSchema,
  }),
};

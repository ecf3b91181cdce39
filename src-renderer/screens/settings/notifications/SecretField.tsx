import { CHANNEL_SECRET_LABELS, type ChannelKind } from '../../../../src-shared/contract';
import { TextField } from '../../../components/Field';
import type { ChannelField } from './channel-form';

/**
 * The channel's credential (webhook URL, routing key, SMTP password). It is
 * written, never read back: a stored one is said to exist, and a blank field
 * keeps it.
 */
export function SecretField({ field, kind, stored }: { field: ChannelField; kind: ChannelKind; stored: boolean }) {
  const label = CHANNEL_SECRET_LABELS[kind];
  if (!label) return null;
  return (
    <TextField
      label={label}
      type="password"
      autoComplete="new-password"
      spellCheck={false}
      hint={stored ? 'Stored in the keychain — leave blank to keep it.' : 'Saved to the keychain; Vigil never shows it again.'}
      placeholder={stored ? '••••••••  (stored)' : undefined}
      {...field('secret')}
    />
  );
}

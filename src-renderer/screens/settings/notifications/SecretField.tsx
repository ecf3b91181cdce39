import { CHANNEL_SECRET_LABELS } from '../../../../src-shared/contract';
import { TextField } from '../../../components/Field';
import type { DraftProps } from './draft-binding';

/**
 * The channel's credential (webhook URL, routing key, SMTP password). It is
 * written, never read back: a stored one is said to exist, and a blank field
 * keeps it.
 */
export function SecretField({ draft, update, errors, stored }: DraftProps & { stored: boolean }) {
  const label = CHANNEL_SECRET_LABELS[draft.kind];
  if (!label) return null;
  return (
    <TextField
      label={label}
      name="secret"
      type="password"
      autoComplete="new-password"
      spellCheck={false}
      hint={stored ? 'Stored in the keychain — leave blank to keep it.' : 'Saved to the keychain; Vigil never shows it again.'}
      placeholder={stored ? '••••••••  (stored)' : undefined}
      value={draft.secret}
      error={errors.secret}
      onChange={(event) => update({ secret: event.target.value })}
    />
  );
}

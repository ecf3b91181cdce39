import { useId, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { SIGNING_ALGS } from '../../../src-shared/connection-config';
import type { ConnectionSecret } from '../../../src-shared/contract';
import { Button } from '../../components/Button';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { NO_SECRET, type ConnectionField, type ConnectionForm, type CredentialChoice } from './connection-form';

interface ReplacingProps {
  field: ConnectionField;
  /** Go back to the stored credential; null when none is stored. */
  onKeep: (() => void) | null;
  /** Just replaced: the first control takes focus. */
  focus: boolean;
}

function KeepStored({ onKeep }: { onKeep: (() => void) | null }) {
  return onKeep ? (
    <Button variant="link" onClick={onKeep}>
      Keep the stored credential
    </Button>
  ) : null;
}

/** Secrets are never shown back: only that one is stored, and a way to replace it. */
function StoredCredential({ onReplace }: { onReplace: () => void }) {
  return (
    <div className="stored-credential">
      <p>
        <Icon name="lock" />
        <span>A credential is stored in the keychain.</span>
      </p>
      <Button icon="key" onClick={onReplace}>
        Replace
      </Button>
    </div>
  );
}

function SecretField({ kind, field, onKeep, focus }: ReplacingProps & { kind: 'clientSecret' | 'password' }) {
  return (
    <div className="credential-fields">
      <TextField
        label={kind === 'clientSecret' ? 'Client secret' : 'Password'}
        type="password"
        autoComplete="new-password"
        hint="Saved to the keychain; Vigil never shows it again."
        autoFocus={focus}
        {...field('secret.value')}
      />
      <KeepStored onKeep={onKeep} />
    </div>
  );
}

const KEY_CHOICES: { value: CredentialChoice; label: string }[] = [
  { value: 'generate', label: 'Generate a key pair' },
  { value: 'import', label: 'Import an existing key' },
];

function PrivateKeyFields({ form, field, choice, onKeep, focus }: ReplacingProps & { form: ConnectionForm; choice: CredentialChoice }) {
  const id = useId();
  // Another way to get a key: what was pasted for the other one goes.
  const radio = form.register('credential.choice', { onChange: () => form.setValue('secret', NO_SECRET) });
  return (
    <div className="credential-fields">
      <fieldset className="choices">
        <legend>Private key</legend>
        {KEY_CHOICES.map(({ value, label }, i) => (
          <div key={value} className="choice">
            <input id={`${id}-${value}`} type="radio" value={value} autoFocus={focus && i === 0} {...radio} />
            <label htmlFor={`${id}-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      {choice === 'generate' && (
        <SelectField
          label="Key algorithm"
          hint={
            onKeep
              ? 'Made when you save. The stored key stops working at once: sign-in fails until the vendor has the new public key.'
              : 'Made when you save. The private key stays in the keychain; the public key appears here to register with the vendor.'
          }
          {...field('credential.alg')}
        >
          {SIGNING_ALGS.map((alg) => (
            <option key={alg} value={alg}>
              {alg}
            </option>
          ))}
        </SelectField>
      )}
      {choice === 'import' && (
        <>
          <TextAreaField
            label="Private key (PEM or JWK)"
            rows={6}
            spellCheck={false}
            className="field-code"
            hint="PKCS#8 PEM or a private JWK as JSON, already registered with the vendor. Saved to the keychain only."
            {...field('secret.value')}
          />
          <TextField
            label="Key ID (kid)"
            autoComplete="off"
            spellCheck={false}
            hint="Optional: the kid the vendor registered. Empty: the key's own kid or its thumbprint."
            {...field('secret.keyId')}
          />
        </>
      )}
      <KeepStored onKeep={onKeep} />
    </div>
  );
}

/** The credential a sign-in method needs: a secret, a password or a private key, or none. */
export function CredentialFields({ form, field, kind, stored }: {
  form: ConnectionForm;
  field: ConnectionField;
  kind: ConnectionSecret['kind'] | null;
  /** The keychain holds a credential of this kind already. */
  stored: boolean;
}) {
  const choice = useWatch({ control: form.control, name: 'credential.choice' });
  // Focus follows a press of Replace, never the form's first render.
  const [replaced, setReplaced] = useState(false);
  if (!kind) return <p className="muted">This sign-in method needs no credential.</p>;
  if (choice === 'keep') {
    const replace = () => {
      setReplaced(true);
      form.setValue('credential.choice', kind === 'privateKey' ? 'generate' : 'enter');
    };
    return <StoredCredential onReplace={replace} />;
  }
  const keep = () => {
    form.setValue('credential.choice', 'keep');
    form.setValue('secret', NO_SECRET);
  };
  const props = { field, focus: replaced, onKeep: stored ? keep : null };
  return kind === 'privateKey' ? <PrivateKeyFields form={form} choice={choice} {...props} /> : <SecretField kind={kind} {...props} />;
}

import { useId, useState } from 'react';
import { SIGNING_ALGS, type SigningAlg } from '../../../src-shared/connection-config';
import type { ConnectionSecret } from '../../../src-shared/contract';
import type { FieldErrors } from '../../api/error-text';
import { Button } from '../../components/Button';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { FIELDS, type CredentialChoice, type CredentialDraft } from './connection-draft';

interface CredentialProps {
  credential: CredentialDraft;
  onChange: (credential: CredentialDraft) => void;
  errors: FieldErrors;
}

interface ReplacingProps extends CredentialProps {
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

function SecretField({ kind, credential, onChange, errors, onKeep, focus }: ReplacingProps & { kind: 'clientSecret' | 'password' }) {
  return (
    <div className="credential-fields">
      <TextField
        label={kind === 'clientSecret' ? 'Client secret' : 'Password'}
        name={FIELDS.secret}
        type="password"
        autoComplete="new-password"
        hint="Saved to the keychain; Vigil never shows it again."
        value={credential.value}
        error={errors[FIELDS.secret]}
        autoFocus={focus}
        onChange={(event) => onChange({ ...credential, value: event.target.value })}
      />
      <KeepStored onKeep={onKeep} />
    </div>
  );
}

function KeyChoice({ value, label, credential, onChange, focus }: { value: CredentialChoice; label: string; credential: CredentialDraft; onChange: (c: CredentialDraft) => void; focus: boolean }) {
  const id = useId();
  return (
    <div className="choice">
      <input
        id={id}
        type="radio"
        name="credential-choice"
        value={value}
        checked={credential.choice === value}
        autoFocus={focus}
        onChange={() => onChange({ ...credential, choice: value, value: '' })}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function PrivateKeyFields({ credential, onChange, errors, onKeep, focus }: ReplacingProps) {
  return (
    <div className="credential-fields">
      <fieldset className="choices">
        <legend>Private key</legend>
        <KeyChoice value="generate" label="Generate a key pair" credential={credential} onChange={onChange} focus={focus} />
        <KeyChoice value="import" label="Import an existing key" credential={credential} onChange={onChange} focus={false} />
      </fieldset>
      {credential.choice === 'generate' && (
        <SelectField
          label="Key algorithm"
          name="alg"
          value={credential.alg}
          hint={
            onKeep
              ? 'Made when you save. The stored key stops working at once: sign-in fails until the vendor has the new public key.'
              : 'Made when you save. The private key stays in the keychain; the public key appears here to register with the vendor.'
          }
          onChange={(event) => onChange({ ...credential, alg: event.target.value as SigningAlg })}
        >
          {SIGNING_ALGS.map((alg) => (
            <option key={alg} value={alg}>
              {alg}
            </option>
          ))}
        </SelectField>
      )}
      {credential.choice === 'import' && (
        <>
          <TextAreaField
            label="Private key (PEM or JWK)"
            name={FIELDS.secret}
            rows={6}
            spellCheck={false}
            className="field-code"
            hint="PKCS#8 PEM or a private JWK as JSON, already registered with the vendor. Saved to the keychain only."
            value={credential.value}
            error={errors[FIELDS.secret]}
            onChange={(event) => onChange({ ...credential, value: event.target.value })}
          />
          <TextField
            label="Key ID (kid)"
            name={FIELDS.keyId}
            autoComplete="off"
            spellCheck={false}
            hint="Optional: the kid the vendor registered. Empty: the key's own kid or its thumbprint."
            value={credential.keyId}
            error={errors[FIELDS.keyId]}
            onChange={(event) => onChange({ ...credential, keyId: event.target.value })}
          />
        </>
      )}
      <KeepStored onKeep={onKeep} />
    </div>
  );
}

/** The credential a sign-in method needs: a secret, a password or a private key, or none. */
export function CredentialFields({ kind, stored, credential, onChange, errors }: CredentialProps & {
  kind: ConnectionSecret['kind'] | null;
  /** The keychain holds a credential of this kind already. */
  stored: boolean;
}) {
  // Focus follows a press of Replace, never the form's first render.
  const [replaced, setReplaced] = useState(false);
  if (!kind) return <p className="muted">This sign-in method needs no credential.</p>;
  if (credential.choice === 'keep') {
    const replace = () => {
      setReplaced(true);
      onChange({ ...credential, choice: kind === 'privateKey' ? 'generate' : 'enter' });
    };
    return <StoredCredential onReplace={replace} />;
  }
  const props = { credential, onChange, errors, focus: replaced, onKeep: stored ? () => onChange({ ...credential, choice: 'keep' as const, value: '' }) : null };
  return kind === 'privateKey' ? <PrivateKeyFields {...props} /> : <SecretField kind={kind} {...props} />;
}

import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { AUTH_MODES, usesTokenEndpoint, type AuthMode } from '../../../src-shared/connection-config';
import type { Connection } from '../../../src-shared/contract';
import { useCreateConnection, useGenerateKey, useUpdateConnection } from '../../api/connections';
import type { VendorProfile } from '../../api/ehr';
import { errorText } from '../../api/error-text';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useFormErrors } from '../../lib/use-form-errors';
import { AUTH_MODE_LABELS } from './auth-modes';
import {
  applyPreset,
  applyVendor,
  buildRequest,
  credentialKind,
  draftFrom,
  FIELD_NAMES,
  FIELDS,
  hasStoredCredential,
  initialCredential,
  newDraft,
  TIMEOUT_BOUNDS,
  TIMEOUT_DEFAULTS,
  type ConnectionDraft,
  type TextKey,
} from './connection-draft';
import { CredentialFields } from './CredentialFields';
import { VendorFields } from './VendorFields';

function timeoutHint(key: keyof typeof TIMEOUT_BOUNDS): string {
  const { min, max } = TIMEOUT_BOUNDS[key];
  return `${formatCount(min)}–${formatCount(max)}; default ${formatCount(TIMEOUT_DEFAULTS[key])}.`;
}

/**
 * Adds or edits a connection. A key pair is made after the save (the key
 * belongs to a saved connection); if that second step fails, the form stays
 * open on the now saved connection, so pressing Save again does not add a
 * second one.
 */
export function ConnectionFormDialog({ connection, vendors, onClose, onSaved }: {
  connection: Connection | null;
  vendors: VendorProfile[];
  onClose: () => void;
  onSaved: (connection: Connection) => void;
}) {
  const create = useCreateConnection();
  const update = useUpdateConnection();
  const generateKey = useGenerateKey();
  const [savedHere, setSavedHere] = useState<Connection | null>(null);
  const target = savedHere ?? connection;
  const save = target ? update : create;

  const [draft, setDraft] = useState<ConnectionDraft>(() => (connection ? draftFrom(connection) : newDraft(vendors[0] as VendorProfile)));
  const [credential, setCredential] = useState(() => initialCredential(connection, draft.authMode));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELD_NAMES, save, formRef);
  const vendor = vendors.find((v) => v.id === draft.vendor) ?? (vendors[0] as VendorProfile);
  const tokenMode = usesTokenEndpoint(draft.authMode);
  const pending = save.isPending || generateKey.isPending;

  /** Props for a text control bound to one draft field. */
  const text = (key: TextKey) => ({
    name: FIELDS[key],
    value: draft[key],
    error: errors[FIELDS[key]],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft((d) => ({ ...d, [key]: event.target.value })),
  });

  /** A new sign-in method may need another kind of credential than the stored one. */
  function changeDraft(next: ConnectionDraft) {
    if (next.authMode !== draft.authMode) setCredential(initialCredential(target, next.authMode));
    setDraft(next);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const { request, problems } = buildRequest(draft, credential, target);
    if (!check(problems)) return;
    const { config, secret, generate } = request;
    const saved = (result: Connection) => {
      if (!generate) return onSaved(result);
      setSavedHere(result);
      generateKey.mutate({ id: result.id, alg: generate }, { onSuccess: onSaved });
    };
    const input = secret ? { config, secret } : { config };
    if (target) update.mutate({ id: target.id, ...input }, { onSuccess: saved });
    else create.mutate(input, { onSuccess: saved });
  }

  return (
    <Dialog title={connection ? `Edit ${connection.config.name}` : 'Add a connection'} onClose={onClose} wide>
      <form ref={formRef} className="form sectioned-form connection-form" onSubmit={submit} noValidate aria-label={connection ? `Edit ${connection.config.name}` : 'Add a connection'}>
        {formError && <Notice tone="error" title="The connection was not saved">{formError}</Notice>}
        {generateKey.isError && (
          <Notice tone="error" title="Saved, but no key pair was made">
            {errorText(generateKey.error)} Press Save changes to try again.
          </Notice>
        )}
        <fieldset>
          <legend>Endpoint</legend>
          <TextField label="Name" autoComplete="off" hint="As operators will know it, e.g. “Epic production”." autoFocus {...text('name')} />
          <VendorFields
            vendors={vendors}
            vendor={vendor}
            error={errors[FIELDS.vendor]}
            onVendor={(v) => changeDraft(applyVendor(draft, v))}
            onPreset={(preset) => changeDraft(applyPreset(draft, preset))}
          />
          <TextField label="FHIR base URL" type="url" autoComplete="off" spellCheck={false} hint="The FHIR R4 service root, including any tenant path." {...text('baseUrl')} />
          <TextField label="Secondary base URL" type="url" autoComplete="off" spellCheck={false} hint="Optional: used when the primary keeps failing." {...text('secondaryBaseUrl')} />
        </fieldset>

        <fieldset>
          <legend>Sign-in</legend>
          <SelectField
            label="Sign-in method"
            name={FIELDS.authMode}
            value={draft.authMode}
            error={errors[FIELDS.authMode]}
            onChange={(event) => changeDraft({ ...draft, authMode: event.target.value as AuthMode })}
          >
            {AUTH_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {AUTH_MODE_LABELS[mode]}
              </option>
            ))}
          </SelectField>
          {tokenMode && <TextField label="Client ID" autoComplete="off" spellCheck={false} {...text('clientId')} />}
          {draft.authMode === 'basic' && <TextField label="User name" autoComplete="off" spellCheck={false} {...text('username')} />}
          <CredentialFields
            kind={credentialKind(draft.authMode)}
            stored={hasStoredCredential(target, draft.authMode)}
            credential={credential}
            onChange={setCredential}
            errors={errors}
          />
          {tokenMode && (
            <>
              <TextAreaField label="Scopes" rows={4} spellCheck={false} className="field-code" hint={`One per line. ${vendor.label} starts with its usual set.`} {...text('scopes')} />
              <TextField
                label="Token endpoint (override)"
                type="url"
                autoComplete="off"
                spellCheck={false}
                hint="Optional: empty means discovered from the server’s SMART configuration."
                {...text('tokenEndpoint')}
              />
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>Network and limits</legend>
          <TextField
            label="Rate limit (requests per hour)"
            inputMode="numeric"
            autoComplete="off"
            placeholder={String(vendor.rateLimitPerHour)}
            hint={`Empty: the ${vendor.label} default of ${formatCount(vendor.rateLimitPerHour)}. ${vendor.rateLimitNote}`}
            {...text('rateLimitPerHour')}
          />
          <div className="field-row">
            <TextField label="Connect timeout (ms)" inputMode="numeric" autoComplete="off" hint={timeoutHint('connectMs')} {...text('connectMs')} />
            <TextField label="Headers timeout (ms)" inputMode="numeric" autoComplete="off" hint={timeoutHint('headersMs')} {...text('headersMs')} />
            <TextField label="Body timeout (ms)" inputMode="numeric" autoComplete="off" hint={timeoutHint('bodyMs')} {...text('bodyMs')} />
          </div>
          <TextField label="HTTP proxy" type="url" autoComplete="off" spellCheck={false} hint="Optional, e.g. http://proxy.example.org:3128. Empty: connect directly." {...text('proxyUrl')} />
          <TextAreaField
            label="Custom CA bundle (PEM)"
            rows={4}
            spellCheck={false}
            className="field-code"
            hint="Optional: certificates of a private CA, trusted in addition to the public roots."
            {...text('caBundle')}
          />
          <CheckboxField
            label="Enabled"
            name={FIELDS.enabled}
            checked={draft.enabled}
            hint="Off: Vigil keeps the settings but neither monitors nor calls this endpoint."
            onChange={(event) => setDraft((d) => ({ ...d, enabled: event.target.checked }))}
          />
        </fieldset>

        <FormDialogActions onCancel={onClose} pending={pending}>
          {target ? 'Save changes' : 'Save connection'}
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

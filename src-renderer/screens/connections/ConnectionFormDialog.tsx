import { useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { AUTH_MODES, usesTokenEndpoint, type AuthMode } from '../../../src-shared/connection-config';
import type { Connection } from '../../../src-shared/contract';
import { useCreateConnection, useGenerateKey, useUpdateConnection } from '../../api/connections';
import type { VendorProfile } from '../../api/ehr';
import { errorText } from '../../api/error-text';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useContractForm } from '../../lib/forms';
import { AUTH_MODE_LABELS } from './auth-modes';
import {
  connectionSchema,
  credentialKind,
  hasStoredCredential,
  initialCredential,
  newValues,
  NO_SECRET,
  TIMEOUT_BOUNDS,
  TIMEOUT_DEFAULTS,
  usesClientSecret,
  valuesFrom,
  type ConnectionRequest,
} from './connection-form';
import { CredentialFields } from './CredentialFields';
import { PlainHttpField } from './PlainHttpField';
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
  const schema = useMemo(() => connectionSchema(target), [target]);
  const { form, formProps, field, formError } = useContractForm({
    schema,
    defaultValues: connection ? valuesFrom(connection) : newValues(vendors[0] as VendorProfile),
    mutation: save,
  });
  const [vendorId, authMode, allowPlainHttp] = useWatch({ control: form.control, name: ['config.vendor', 'config.authMode', 'config.allowPlainHttp'] });
  const vendor = vendors.find((v) => v.id === vendorId) ?? (vendors[0] as VendorProfile);
  const tokenMode = usesTokenEndpoint(authMode);
  const pending = save.isPending || generateKey.isPending;
  const text = { autoComplete: 'off', spellCheck: false } as const;

  /** Another sign-in method may need another kind of credential than the stored one: start that one afresh. */
  function changeAuthMode(mode: AuthMode) {
    form.setValue('config.authMode', mode);
    if (mode === authMode) return;
    form.setValue('credential', initialCredential(target, mode));
    form.setValue('secret', NO_SECRET);
  }

  /** A vendor brings its sign-in method, its scopes and its rate limit (left empty, so its default applies). */
  function applyVendor(next: VendorProfile) {
    form.setValue('config.scopes', next.defaultScopes.join('\n'));
    form.setValue('config.rateLimitPerHour', '');
    changeAuthMode(next.defaultAuthMode);
  }

  function applyPreset(preset: VendorProfile['sandboxes'][number]) {
    form.setValue('config.baseUrl', preset.baseUrl);
    form.setValue('config.tokenEndpoint', preset.tokenEndpoint ?? '');
    changeAuthMode(preset.authMode);
  }

  function send({ config, secret, generate }: ConnectionRequest) {
    const saved = (result: Connection) => {
      if (!generate) return onSaved(result);
      setSavedHere(result);
      generateKey.mutate({ id: result.id, alg: generate }, { onSuccess: onSaved });
    };
    const input = secret ? { config, secret } : { config };
    if (target) update.mutate({ id: target.id, ...input }, { onSuccess: saved });
    else create.mutate(input, { onSuccess: saved });
  }

  const title = connection ? `Edit ${connection.config.name}` : 'Add a connection';
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form {...formProps((request) => !generateKey.isPending && send(request))} className="form sectioned-form connection-form" aria-label={title}>
        {formError && <Notice tone="error" title="The connection was not saved">{formError}</Notice>}
        {generateKey.isError && (
          <Notice tone="error" title="Saved, but no key pair was made">
            {errorText(generateKey.error)} Press Save changes to try again.
          </Notice>
        )}
        <fieldset>
          <legend>Endpoint</legend>
          <TextField label="Name" autoComplete="off" hint="As operators will know it, e.g. “Epic production”." autoFocus {...field('config.name')} />
          <VendorFields
            vendors={vendors}
            vendor={vendor}
            select={field('config.vendor', { onChange: (event: { target: { value: string } }) => applyVendor(vendors.find((v) => v.id === event.target.value) ?? vendor) })}
            onPreset={applyPreset}
          />
          <TextField label="Tags" autoComplete="off" spellCheck={false} hint="Optional, separated by spaces: e.g. clinical site:north. The board finds, filters and groups by them." {...field('config.tags')} />
          <TextField label="FHIR base URL" type="url" hint="The FHIR R4 service root, including any tenant path." {...text} {...field('config.baseUrl')} />
          <TextField label="Secondary base URL" type="url" hint="Optional: used when the primary keeps failing." {...text} {...field('config.secondaryBaseUrl')} />
          <PlainHttpField field={field('config.allowPlainHttp')} allowed={allowPlainHttp} />
        </fieldset>

        <fieldset>
          <legend>Sign-in</legend>
          <SelectField label="Sign-in method" {...field('config.authMode', { onChange: (event: { target: { value: AuthMode } }) => changeAuthMode(event.target.value) })}>
            {AUTH_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {AUTH_MODE_LABELS[mode]}
              </option>
            ))}
          </SelectField>
          {tokenMode && <TextField label="Client ID" {...text} {...field('config.clientId')} />}
          {authMode === 'basic' && <TextField label="User name" {...text} {...field('config.username')} />}
          <CredentialFields form={form} field={field} kind={credentialKind(authMode)} stored={hasStoredCredential(target, authMode)} />
          {usesClientSecret(authMode) && (
            <TextField
              label="Client secret expires on"
              autoComplete="off"
              placeholder="YYYY-MM-DD"
              hint="Optional: the vendor’s end date for this secret, for the expiry reminders. Update it when you replace the secret."
              {...field('config.clientSecretExpiresAt')}
            />
          )}
          {tokenMode && (
            <>
              <TextAreaField label="Scopes" rows={4} spellCheck={false} className="field-code" hint={`One per line. ${vendor.label} starts with its usual set.`} {...field('config.scopes')} />
              <TextField
                label="Token endpoint (override)"
                type="url"
                hint="Optional: empty means discovered from the server’s SMART configuration."
                {...text}
                {...field('config.tokenEndpoint')}
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
            {...field('config.rateLimitPerHour')}
          />
          <div className="field-row">
            <TextField label="Connect timeout (ms)" inputMode="numeric" autoComplete="off" hint={timeoutHint('connectMs')} {...field('config.timeouts.connectMs')} />
            <TextField label="Headers timeout (ms)" inputMode="numeric" autoComplete="off" hint={timeoutHint('headersMs')} {...field('config.timeouts.headersMs')} />
            <TextField label="Body timeout (ms)" inputMode="numeric" autoComplete="off" hint={timeoutHint('bodyMs')} {...field('config.timeouts.bodyMs')} />
          </div>
          <TextField label="HTTP proxy" type="url" hint="Optional, e.g. http://proxy.example.org:3128. Empty: connect directly." {...text} {...field('config.proxyUrl')} />
          <TextAreaField
            label="Custom CA bundle (PEM)"
            rows={4}
            spellCheck={false}
            className="field-code"
            hint="Optional: certificates of a private CA, trusted in addition to the public roots."
            {...field('config.caBundle')}
          />
          <CheckboxField label="Enabled" hint="Off: Vigil keeps the settings but neither monitors nor calls this endpoint." {...field('config.enabled')} />
        </fieldset>

        <FormDialogActions onCancel={onClose} pending={pending}>
          {target ? 'Save changes' : 'Save connection'}
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

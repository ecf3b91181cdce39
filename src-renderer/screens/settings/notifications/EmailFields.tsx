import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { DEFAULT_PORTS, field, type ChannelDraft } from './channel-draft';
import { textProps, type DraftProps } from './draft-binding';
import { SecretField } from './SecretField';

const SECURITY_LABELS: Record<ChannelDraft['security'], string> = {
  starttls: 'STARTTLS (upgrade required, usually port 587)',
  tls: 'TLS from the start (usually port 465)',
  none: 'None: a trusted relay on this network only',
};

/** The SMTP relay, its sign-in, and who gets the mail. */
export function EmailFields(props: DraftProps & { stored: boolean }) {
  const { draft, update, errors } = props;
  return (
    <>
      <div className="field-pair">
        <TextField label="SMTP host" autoComplete="off" spellCheck={false} hint="e.g. smtp.hospital.org" {...textProps(props, 'host')} />
        <TextField label="Port" inputMode="numeric" autoComplete="off" {...textProps(props, 'port')} />
      </div>
      <SelectField
        label="Security"
        name={field('security')}
        value={draft.security}
        error={errors[field('security')]}
        onChange={(event) => {
          const security = event.target.value as ChannelDraft['security'];
          // Follow the mode's usual port unless someone chose another.
          update({ security, ...(draft.port === DEFAULT_PORTS[draft.security] ? { port: DEFAULT_PORTS[security] } : {}) });
        }}
      >
        {Object.entries(SECURITY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="field-pair">
        <TextField label="SMTP user" autoComplete="off" spellCheck={false} hint="Optional: empty sends without signing in." {...textProps(props, 'user')} />
        <SecretField {...props} />
      </div>
      <TextField label="From" type="email" autoComplete="off" spellCheck={false} hint="The sender address, e.g. vigil@hospital.org" {...textProps(props, 'from')} />
      <TextAreaField label="To" rows={3} spellCheck={false} hint="One address per line (up to 50)." {...textProps(props, 'to')} />
      <TextAreaField
        label="Private CA certificate (PEM)"
        rows={3}
        spellCheck={false}
        className="field-code"
        hint="Optional: when the relay’s certificate comes from your own CA."
        {...textProps(props, 'caCert')}
      />
    </>
  );
}

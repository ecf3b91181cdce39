import { useWatch } from 'react-hook-form';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { DEFAULT_PORTS, type ChannelField, type ChannelForm, type ChannelValues } from './channel-form';
import { SecretField } from './SecretField';

type Security = ChannelValues['settings']['security'];

const SECURITY_LABELS: Record<Security, string> = {
  starttls: 'STARTTLS (upgrade required, usually port 587)',
  tls: 'TLS from the start (usually port 465)',
  none: 'None: a trusted relay on this network only',
};

/** The SMTP relay, its sign-in, and who gets the mail. */
export function EmailFields({ form, field, stored }: { form: ChannelForm; field: ChannelField; stored: boolean }) {
  const [security, port] = useWatch({ control: form.control, name: ['settings.security', 'settings.port'] });
  return (
    <>
      <div className="field-pair">
        <TextField label="SMTP host" autoComplete="off" spellCheck={false} hint="e.g. smtp.hospital.org" {...field('settings.host')} />
        <TextField label="Port" inputMode="numeric" autoComplete="off" {...field('settings.port')} />
      </div>
      <SelectField
        label="Security"
        {...field('settings.security', {
          // Follow the mode's usual port unless someone chose another.
          onChange: (event: { target: { value: Security } }) => {
            if (port === DEFAULT_PORTS[security]) form.setValue('settings.port', DEFAULT_PORTS[event.target.value]);
          },
        })}
      >
        {Object.entries(SECURITY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="field-pair">
        <TextField label="SMTP user" autoComplete="off" spellCheck={false} hint="Optional: empty sends without signing in." {...field('settings.user')} />
        <SecretField field={field} kind="email" stored={stored} />
      </div>
      <TextField label="From" type="email" autoComplete="off" spellCheck={false} hint="The sender address, e.g. vigil@hospital.org" {...field('settings.from')} />
      <TextAreaField label="To" rows={3} spellCheck={false} hint="One address per line (up to 50)." {...field('settings.to')} />
      <TextAreaField
        label="Private CA certificate (PEM)"
        rows={3}
        spellCheck={false}
        className="field-code"
        hint="Optional: when the relay’s certificate comes from your own CA."
        {...field('settings.caCert')}
      />
    </>
  );
}

import type { ChannelKind } from '../../../../src-shared/contract';
import { TextField } from '../../../components/Field';
import type { ChannelField, ChannelForm } from './channel-form';
import { EmailFields } from './EmailFields';
import { SecretField } from './SecretField';

/** Where a channel's messages go: what each kind needs to reach its receiver. */
export function DestinationFields({ form, field, kind, stored }: { form: ChannelForm; field: ChannelField; kind: ChannelKind; stored: boolean }) {
  switch (kind) {
    case 'desktop':
      return <p className="muted">Nothing to set up: notifications appear on this computer, or in the consoles open in a browser.</p>;
    case 'slack':
    case 'webhook':
      return <SecretField field={field} kind={kind} stored={stored} />;
    case 'pagerduty':
      return (
        <>
          <SecretField field={field} kind={kind} stored={stored} />
          <TextField
            label="Events API URL"
            type="url"
            autoComplete="off"
            spellCheck={false}
            hint="Optional: empty uses events.pagerduty.com; EU accounts use https://events.eu.pagerduty.com/v2/enqueue."
            {...field('settings.eventsUrl')}
          />
        </>
      );
    case 'email':
      return <EmailFields form={form} field={field} stored={stored} />;
  }
}

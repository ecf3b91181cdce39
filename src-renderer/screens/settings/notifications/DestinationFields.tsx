import { TextField } from '../../../components/Field';
import { textProps, type DraftProps } from './draft-binding';
import { EmailFields } from './EmailFields';
import { SecretField } from './SecretField';

/** Where a channel's messages go: what each kind needs to reach its receiver. */
export function DestinationFields(props: DraftProps & { stored: boolean }) {
  switch (props.draft.kind) {
    case 'desktop':
      return <p className="muted">Nothing to set up: notifications appear on this computer, or in the consoles open in a browser.</p>;
    case 'slack':
    case 'webhook':
      return <SecretField {...props} />;
    case 'pagerduty':
      return (
        <>
          <SecretField {...props} />
          <TextField
            label="Events API URL"
            type="url"
            autoComplete="off"
            spellCheck={false}
            hint="Optional: empty uses events.pagerduty.com; EU accounts use https://events.eu.pagerduty.com/v2/enqueue."
            {...textProps(props, 'eventsUrl')}
          />
        </>
      );
    case 'email':
      return <EmailFields {...props} />;
  }
}

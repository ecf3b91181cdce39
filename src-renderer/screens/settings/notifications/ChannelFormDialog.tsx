import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { SEVERITIES } from '../../../../src-shared/monitoring';
import { type NotifyChannel } from '../../../../src-shared/contract';
import { useCreateChannel, useUpdateChannel } from '../../../api/notify';
import { Dialog, FormDialogActions } from '../../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { useContractForm } from '../../../lib/forms';
import { channelSchema, newValues, valuesFrom, type ChannelField } from './channel-form';
import { FROM_LEVELS, KIND_HINTS, KIND_LABELS, LEVEL_WORDS, MIN_SEVERITY_WORDS } from './channel-words';
import { DestinationFields } from './DestinationFields';
import { KindChoice } from './KindChoice';

/** Which alerts reach this channel, and from which escalation level. */
function RoutingFields({ field }: { field: ChannelField }) {
  return (
    <div className="field-pair">
      <SelectField label="Severities" {...field('settings.minSeverity')}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {MIN_SEVERITY_WORDS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Told from" hint="Later levels make this a channel for escalations only." {...field('settings.fromLevel')}>
        {FROM_LEVELS.map((level) => (
          <option key={level} value={level}>
            {LEVEL_WORDS[level]}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** Adds a channel, or edits one (its kind stays what it was: the stored secret belongs to it). */
export function ChannelFormDialog({ channel, onClose, onSaved }: { channel: NotifyChannel | null; onClose: () => void; onSaved: (saved: NotifyChannel) => void }) {
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const save = channel ? update : create;
  const stored = channel?.hasSecret ?? false;
  const schema = useMemo(() => channelSchema(stored), [stored]);
  const { form, formProps, field, formError } = useContractForm({
    schema,
    defaultValues: channel ? valuesFrom(channel) : newValues('slack'),
    mutation: save,
  });
  const kind = useWatch({ control: form.control, name: 'settings.kind' });
  const title = channel ? `Edit ${channel.settings.name}` : 'New notification channel';

  return (
    <Dialog title={title} onClose={onClose} wide>
      <form
        {...formProps((request) => (channel ? update.mutate({ id: channel.id, ...request }, { onSuccess: onSaved }) : create.mutate(request, { onSuccess: onSaved })))}
        className="form form-wide sectioned-form channel-form"
        aria-label={title}
      >
        {formError && <Notice tone="error" title="The channel was not saved">{formError}</Notice>}
        <fieldset>
          <legend>Channel</legend>
          {channel ? (
            <p className="muted">
              <strong>{KIND_LABELS[kind]}</strong>: {KIND_HINTS[kind]}
            </p>
          ) : (
            // Another kind needs another credential: what was typed for the last one goes.
            <KindChoice {...form.register('settings.kind', { onChange: () => form.setValue('secret', '') })} />
          )}
          <TextField label="Name" autoComplete="off" hint="As people will know it, e.g. “NOC Slack” or “On-call PagerDuty”." {...field('settings.name')} />
          <CheckboxField label="Enabled" hint="Off: Vigil keeps the settings but sends nothing here." {...field('settings.enabled')} />
        </fieldset>
        <fieldset>
          <legend>Where it goes</legend>
          <DestinationFields form={form} field={field} kind={kind} stored={stored} />
        </fieldset>
        <fieldset>
          <legend>What it is sent</legend>
          <RoutingFields field={field} />
          <CheckboxField
            label="Safety officers' route"
            hint="Safety incidents go only to the channels marked so; while none is, they go wherever their severity goes."
            {...field('settings.safetyOfficers')}
          />
        </fieldset>
        <FormDialogActions onCancel={onClose} pending={save.isPending}>
          {channel ? 'Save changes' : 'Add channel'}
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { SEVERITIES } from '../../../../src-shared/monitoring';
import { type NotifyChannel } from '../../../../src-shared/contract';
import { useCreateChannel, useUpdateChannel } from '../../../api/notify';
import { Dialog, FormDialogActions } from '../../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { useFormErrors } from '../../../lib/use-form-errors';
import { buildRequest, draftFrom, field, FIELD_NAMES, newDraft, type ChannelDraft } from './channel-draft';
import { FROM_LEVELS, KIND_HINTS, KIND_LABELS, LEVEL_WORDS, MIN_SEVERITY_WORDS } from './channel-words';
import { DestinationFields } from './DestinationFields';
import { textProps, type DraftProps } from './draft-binding';
import { KindChoice } from './KindChoice';

/** Which alerts reach this channel, and from which escalation level. */
function RoutingFields({ draft, update, errors }: DraftProps) {
  return (
    <div className="field-pair">
      <SelectField
        label="Severities"
        name={field('minSeverity')}
        value={draft.minSeverity}
        error={errors[field('minSeverity')]}
        onChange={(event) => update({ minSeverity: event.target.value as ChannelDraft['minSeverity'] })}
      >
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {MIN_SEVERITY_WORDS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Told from"
        name={field('fromLevel')}
        value={String(draft.fromLevel)}
        hint="Later levels make this a channel for escalations only."
        error={errors[field('fromLevel')]}
        onChange={(event) => update({ fromLevel: Number(event.target.value) })}
      >
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
  const [draft, setDraft] = useState<ChannelDraft>(() => (channel ? draftFrom(channel) : newDraft('slack')));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELD_NAMES, save, formRef);
  const props: DraftProps = { draft, update: (change) => setDraft((d) => ({ ...d, ...change })), errors };
  const stored = channel?.hasSecret ?? false;
  const title = channel ? `Edit ${channel.settings.name}` : 'New notification channel';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const { request, problems } = buildRequest(draft, channel);
    if (!check(problems) || !request) return;
    if (channel) update.mutate({ id: channel.id, ...request }, { onSuccess: onSaved });
    else create.mutate(request, { onSuccess: onSaved });
  }

  return (
    <Dialog title={title} onClose={onClose} wide>
      <form ref={formRef} className="form form-wide sectioned-form channel-form" onSubmit={submit} noValidate aria-label={title}>
        {formError && <Notice tone="error" title="The channel was not saved">{formError}</Notice>}
        <fieldset>
          <legend>Channel</legend>
          {channel ? (
            <p className="muted">
              <strong>{KIND_LABELS[draft.kind]}</strong>: {KIND_HINTS[draft.kind]}
            </p>
          ) : (
            <KindChoice value={draft.kind} onChange={(kind) => props.update({ kind, secret: '' })} />
          )}
          <TextField label="Name" autoComplete="off" hint="As people will know it, e.g. “NOC Slack” or “On-call PagerDuty”." {...textProps(props, 'name')} />
          <CheckboxField
            label="Enabled"
            name={field('enabled')}
            checked={draft.enabled}
            hint="Off: Vigil keeps the settings but sends nothing here."
            onChange={(event) => props.update({ enabled: event.target.checked })}
          />
        </fieldset>
        <fieldset>
          <legend>Where it goes</legend>
          <DestinationFields {...props} stored={stored} />
        </fieldset>
        <fieldset>
          <legend>What it is sent</legend>
          <RoutingFields {...props} />
        </fieldset>
        <FormDialogActions onCancel={onClose} pending={save.isPending}>
          {channel ? 'Save changes' : 'Add channel'}
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

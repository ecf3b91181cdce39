import { useFieldArray, useWatch } from 'react-hook-form';
import { useSetOutboundRules } from '../../../api/network';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';
import { useContractForm } from '../../../lib/forms';
import { useFocusAfterRemoval } from '../../../lib/use-list-focus';
import { useNow } from '../../../lib/use-now';
import { ExceptionRow } from './ExceptionRow';
import { EXCEPTIONS_INTRO, NO_EXCEPTIONS } from './network-words';
import { exceptionField, hostKey, MAX_EXCEPTIONS, outboundSchema, showsSaved, valuesFrom, type OutboundSettings } from './outbound-form';

const ADD_ID = 'add-exception';

/**
 * The allowed hosts, edited as a list and saved whole with Save. Focus
 * follows a change: to a new host's box, or after a removal to the row now
 * in its place (or Add a host when none is left).
 */
export function OutboundForm({ saved, onEdit, onSaved }: { saved: OutboundSettings; onEdit: () => void; onSaved: (settings: OutboundSettings) => void }) {
  const save = useSetOutboundRules();
  const { form, formProps, field, formError } = useContractForm({
    schema: outboundSchema,
    defaultValues: valuesFrom(saved),
    mutation: save,
    fieldFor: exceptionField,
    onEdit,
  });
  const rows = useFieldArray({ control: form.control, name: 'exceptions' });
  const values = useWatch({ control: form.control });
  const now = useNow();
  const byHost = new Map(saved.exceptions.map((e) => [e.host, e]));
  const removeRow = useFocusAfterRemoval((i) => `exceptions.${i}.note`, ADD_ID);

  function send(input: Parameters<typeof save.mutate>[0]) {
    save.mutate(input, {
      onSuccess: (settings) => {
        form.reset(valuesFrom(settings));
        onSaved(settings);
      },
    });
  }

  const listError = form.formState.errors.exceptions?.root?.message;
  return (
    <form {...formProps(send)} aria-labelledby="exceptions-title">
      <section className="panel panel-wide">
        <h2 id="exceptions-title">Allowed hosts</h2>
        <p className="muted">{EXCEPTIONS_INTRO}</p>
        {formError && <Notice tone="error" title="The allowed hosts were not saved">{formError}</Notice>}
        {listError && <Notice tone="error">{listError}</Notice>}
        <div className="settings-list">
          {rows.fields.length === 0 && <p className="empty-screen">{NO_EXCEPTIONS}</p>}
          {rows.fields.map((row, i) => (
            <ExceptionRow
              key={row.id}
              index={i}
              saved={row.saved ? (byHost.get(hostKey(row.host)) ?? null) : null}
              host={field(`exceptions.${i}.host`)}
              note={field(`exceptions.${i}.note`)}
              now={now}
              onRemove={() => removeRow(rows.remove, i, rows.fields.length)}
            />
          ))}
          <div>
            {rows.fields.length < MAX_EXCEPTIONS ? (
              // The new host's box takes focus (react-hook-form's shouldFocus), ready to type.
              <Button id={ADD_ID} icon="plus" onClick={() => rows.append({ host: '', note: '', saved: false })}>
                Add a host
              </Button>
            ) : (
              <p className="muted">{MAX_EXCEPTIONS} hosts is the most: remove one to add another.</p>
            )}
          </div>
        </div>
        <div className="form-actions exceptions-actions">
          <Button type="submit" variant="primary" pending={save.isPending}>
            Save allowed hosts
          </Button>
          {!showsSaved(values, saved) && <span className="muted">Not saved yet: the hosts allowed are unchanged until you save.</span>}
        </div>
      </section>
    </form>
  );
}

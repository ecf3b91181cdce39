import { z } from 'zod';
import type { TicketQuery } from '../../api/query-keys';
import { useSaveView } from '../../api/tickets';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';

const schema = z.object({ name: z.string().trim().min(1, 'Name the view').max(60) });

/** The queue as filtered now, saved under a name for this person. */
export function SaveViewDialog({ query, onClose, onSaved }: { query: TicketQuery; onClose: () => void; onSaved: (id: string, name: string) => void }) {
  const save = useSaveView();
  const { formProps, field, formError } = useContractForm({ schema, defaultValues: { name: '' }, mutation: save });
  return (
    <Dialog title="Save as a view" onClose={onClose}>
      <form {...formProps(({ name }) => save.mutate({ name, filter: query.filter ?? { status: 'open' }, sort: query.sort ?? 'urgency' }, { onSuccess: (view) => onSaved(view.id, view.name) }))} className="form" aria-label="Save as a view">
        {formError && <Notice tone="error" title="The view was not saved">{formError}</Notice>}
        <TextField label="Name" autoFocus hint="The view keeps the filters and words shown now." {...field('name')} />
        <FormDialogActions onCancel={onClose} pending={save.isPending}>
          Save view
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

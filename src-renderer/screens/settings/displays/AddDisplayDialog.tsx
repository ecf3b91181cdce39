import { z } from 'zod';
import { wallNameSchema, type ChannelOutput } from '../../../../src-shared/contract';
import { useCreateDisplay } from '../../../api/displays';
import { Dialog, FormDialogActions } from '../../../components/Dialog';
import { TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { useContractForm } from '../../../lib/forms';

const schema = z.object({ name: wallNameSchema });

/** Names a new wall display; Vigil answers with its pairing code. */
export function AddDisplayDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (made: ChannelOutput<'displays.create'>) => void }) {
  const create = useCreateDisplay();
  const { formProps, field, formError } = useContractForm({ schema, defaultValues: { name: '' }, mutation: create });
  return (
    <Dialog title="Add a wall display" onClose={onClose}>
      <form {...formProps((input) => create.mutate(input, { onSuccess: onAdded }))} className="form" aria-label="Add a wall display">
        {formError && <Notice tone="error" title="The display was not added">{formError}</Notice>}
        <TextField label="Name" autoComplete="off" hint="Where it hangs, as the NOC knows it, e.g. “NOC wall 1”." autoFocus {...field('name')} />
        <FormDialogActions onCancel={onClose} pending={create.isPending} icon="plus">
          Add and show the code
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

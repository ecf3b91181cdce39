import type { UserSummary } from '../../../src-shared/contract';
import { useCreateUser } from '../../api/users';
import { NewAccountFields } from '../../components/AccountFields';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { newAccountSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';
import { RoleChoices } from './RoleSelect';

export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (user: UserSummary) => void }) {
  const create = useCreateUser();
  const { formProps, field, formError } = useContractForm({
    schema: newAccountSchema,
    defaultValues: { username: '', displayName: '', role: 'operator', password: '', confirm: '' },
    mutation: create,
    conflictField: 'username',
  });

  return (
    <Dialog title="New account" onClose={onClose} wide>
      <form {...formProps((input) => create.mutate(input, { onSuccess: onCreated }))} className="form form-wide" aria-label="New account">
        {formError && <Notice tone="error" title="The account was not created">{formError}</Notice>}
        <NewAccountFields field={field} own={false} paired>
          <RoleChoices {...field('role')} />
        </NewAccountFields>
        <FormDialogActions onCancel={onClose} pending={create.isPending}>
          Create account
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

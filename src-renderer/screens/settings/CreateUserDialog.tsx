import { useRef, type FormEvent } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import type { Role } from '../../../src-shared/roles';
import { useCreateUser } from '../../api/users';
import { NewAccountFields } from '../../components/AccountFields';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { newAccountProblems } from '../../lib/rules';
import { readForm, useFormErrors } from '../../lib/use-form-errors';
import { RoleChoices } from './RoleSelect';

const FIELDS = ['username', 'displayName', 'role', 'password', 'confirm'] as const;

export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (user: UserSummary) => void }) {
  const create = useCreateUser();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELDS, create, formRef, 'username');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const v = readForm(event.currentTarget);
    if (!check(newAccountProblems(v))) return;
    create.mutate(
      { username: v.username ?? '', displayName: v.displayName ?? '', role: v.role as Role, password: v.password ?? '' },
      { onSuccess: onCreated },
    );
  }

  return (
    <Dialog title="New account" onClose={onClose} wide>
      <form ref={formRef} className="form form-wide" onSubmit={submit} noValidate aria-label="New account">
        {formError && <Notice tone="error" title="The account was not created">{formError}</Notice>}
        <NewAccountFields errors={errors} own={false} paired>
          <RoleChoices name="role" defaultValue="operator" error={errors.role} />
        </NewAccountFields>
        <FormDialogActions onCancel={onClose} pending={create.isPending}>
          Create account
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

import { useRef, type FormEvent } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import type { Role } from '../../../src-shared/roles';
import { useCreateUser } from '../../api/users';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { fieldRules, PASSWORD_RULE, USERNAME_RULE } from '../../lib/rules';
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
    const ok = check({
      username: fieldRules.username(v.username ?? ''),
      displayName: fieldRules.displayName(v.displayName ?? ''),
      password: fieldRules.password(v.password ?? ''),
      confirm: fieldRules.confirm(v.confirm ?? '', v.password ?? ''),
    });
    if (!ok) return;
    create.mutate(
      { username: v.username ?? '', displayName: v.displayName ?? '', role: v.role as Role, password: v.password ?? '' },
      { onSuccess: onCreated },
    );
  }

  return (
    <Dialog title="New account" onClose={onClose}>
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="New account">
        {formError && <Notice tone="error" title="The account was not created">{formError}</Notice>}
        <TextField label="Username" name="username" autoComplete="off" autoCapitalize="none" spellCheck={false} hint={USERNAME_RULE} error={errors.username} autoFocus />
        <TextField label="Display name" name="displayName" autoComplete="off" error={errors.displayName} />
        <RoleChoices name="role" defaultValue="operator" error={errors.role} />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" hint={PASSWORD_RULE} error={errors.password} />
        <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} />
        <div className="dialog-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

import { useCreateAdmin } from '../../api/setup';
import { NewAccountFields } from '../../components/AccountFields';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { setupSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';
import { AuthLayout } from './AuthLayout';

export function SetupScreen({ version }: { version: string }) {
  const createAdmin = useCreateAdmin();
  const { formProps, field, formError } = useContractForm({
    schema: setupSchema,
    defaultValues: { username: '', displayName: '', password: '', confirm: '' },
    mutation: createAdmin,
  });

  return (
    <AuthLayout
      title="Set up Vigil"
      intro={
        <p>
          No accounts exist yet. Create the first administrator account; you will be signed in with it and can then
          add accounts for everyone else.
        </p>
      }
      footer={`Vigil ${version}`}
    >
      <form {...formProps((input) => createAdmin.mutate(input))} className="form" aria-label="Create the administrator account">
        {formError && <Notice tone="error" title="The account was not created">{formError}</Notice>}
        <NewAccountFields field={field} own />
        <Button type="submit" variant="primary" pending={createAdmin.isPending}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}

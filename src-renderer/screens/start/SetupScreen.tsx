import { useCreateAdmin } from '../../api/setup';
import { NewAccountFields } from '../../components/AccountFields';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { setupSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';
import { AuthLayout } from './AuthLayout';

const CODE_HINT =
  'The one-time code the Vigil host printed when it started, in its terminal or service log. Capitals, spaces and dashes do not matter.';

/**
 * The first administrator. From another computer than the host's, main asks
 * for the setup code it printed at start (`codeRequired`), so whoever
 * reaches a fresh console first cannot make themselves its administrator; a
 * wrong code is refused on its field.
 */
export function SetupScreen({ version, codeRequired }: { version: string; codeRequired: boolean }) {
  const createAdmin = useCreateAdmin();
  const { formProps, field, formError } = useContractForm({
    schema: setupSchema,
    defaultValues: { username: '', displayName: '', password: '', confirm: '', ...(codeRequired ? { setupCode: '' } : {}) },
    mutation: createAdmin,
  });

  return (
    <AuthLayout
      title="Set up Vigil"
      intro={
        <>
          <p>
            No accounts exist yet. Create the first administrator account; you will be signed in with it and can then
            add accounts for everyone else.
          </p>
          {codeRequired && <p>You are setting Vigil up from another computer than the one it runs on, so it asks for its setup code first.</p>}
        </>
      }
      footer={`Vigil ${version}`}
    >
      <form {...formProps((input) => createAdmin.mutate(input))} className="form" aria-label="Create the administrator account">
        {formError && <Notice tone="error" title="The account was not created">{formError}</Notice>}
        {codeRequired && (
          <TextField label="Setup code" autoComplete="off" autoCapitalize="characters" spellCheck={false} className="field-code" hint={CODE_HINT} autoFocus {...field('setupCode')} />
        )}
        <NewAccountFields field={field} own autoFocus={!codeRequired} />
        <Button type="submit" variant="primary" pending={createAdmin.isPending}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}

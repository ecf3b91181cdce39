import { signInErrorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { UsernameField } from '../../components/AccountFields';
import { Notice } from '../../components/Notice';
import { signInSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';
import type { EndReason } from '../../state/session-store';
import { AuthLayout } from './AuthLayout';
import { SignInPasswordField, useSignIn } from './sign-in';

const SIGNED_OUT_BECAUSE: Partial<Record<EndReason, string>> = {
  logout: 'You are signed out.',
  disabled: 'You were signed out because an administrator disabled your account.',
};

export function LoginScreen({ version, endReason }: { version: string; endReason: EndReason | null }) {
  const { login, signIn } = useSignIn();
  const { form, formProps, field } = useContractForm({ schema: signInSchema, defaultValues: { username: '', password: '' }, mutation: login });
  const failure = login.error ? signInErrorText(login.error) : null;
  const notice = endReason ? SIGNED_OUT_BECAUSE[endReason] : undefined;
  const username = field('username');

  const retypePassword = () => {
    form.setValue('password', '');
    form.setFocus('password');
  };

  return (
    <AuthLayout title="Sign in to Vigil" footer={`Vigil ${version}`}>
      {notice && !failure && <Notice tone="info">{notice}</Notice>}
      <form {...formProps((input) => signIn(input, retypePassword))} className="form" aria-label="Sign in">
        <UsernameField autoComplete="username" autoFocus {...username} aria-invalid={username.error || failure ? true : undefined} />
        <SignInPasswordField refused={failure !== null} {...field('password')} />
        {failure && <Notice tone="error" title="Not signed in">{failure}</Notice>}
        <Button type="submit" variant="primary" pending={login.isPending}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}

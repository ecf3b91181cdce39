import { useWatch } from 'react-hook-form';
import { Button } from '../../components/Button';
import { UsernameField } from '../../components/AccountFields';
import { Notice } from '../../components/Notice';
import { SignInRefusalNotice } from '../../components/SignInRefusalNotice';
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
  const { login, signIn, refusal, secondsLeft, refusedName } = useSignIn();
  const { form, formProps, field } = useContractForm({ schema: signInSchema, defaultValues: { username: '', password: '' }, mutation: login });
  const notice = endReason ? SIGNED_OUT_BECAUSE[endReason] : undefined;
  const username = field('username');
  // A wait holds the name it was earned on; another account may be tried at once.
  const typedName = useWatch({ control: form.control, name: 'username' });
  const waiting = secondsLeft > 0 && typedName === refusedName;

  const retypePassword = () => {
    form.setValue('password', '');
    form.setFocus('password');
  };

  return (
    <AuthLayout title="Sign in to Vigil" footer={`Vigil ${version}`}>
      {notice && !refusal && <Notice tone="info">{notice}</Notice>}
      <form {...formProps((input) => !waiting && signIn(input, retypePassword))} className="form" aria-label="Sign in">
        <UsernameField autoComplete="username" autoFocus {...username} aria-invalid={username.error || refusal ? true : undefined} />
        <SignInPasswordField refused={refusal !== null} {...field('password')} />
        {refusal && <SignInRefusalNotice refusal={refusal} secondsLeft={secondsLeft} title="Not signed in" />}
        <Button type="submit" variant="primary" pending={login.isPending} disabled={waiting}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}

import { useEndSession } from '../../api/session';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { SignInRefusalNotice } from '../../components/SignInRefusalNotice';
import { unlockSchema } from '../../lib/account-rules';
import { useContractForm } from '../../lib/forms';
import type { EndReason } from '../../state/session-store';
import { ROLE_LABELS } from '../../../src-shared/roles';
import type { UserSummary } from '../../../src-shared/contract';
import { AuthLayout } from './AuthLayout';
import { SignInPasswordField, useSignIn } from './sign-in';

const LOCKED_BECAUSE: Record<EndReason, string> = {
  idle: 'The console locked itself after a period without activity.',
  expired: 'This session reached its time limit: a session lasts one shift from sign-in, however busy. Enter your password to carry on.',
  lost: 'Your session ended.',
  password_changed: 'Your password was changed. Enter the new one to carry on.',
  logout: 'Your session ended.',
  disabled: 'Your session ended.',
};

// The username is not in doubt here, so a rejection can only mean the password.
const WRONG = { text: 'That password is not right.', advice: 'Try again.' };

/**
 * Shown instead of the app (nothing of it stays in the page while locked),
 * but the app's place is kept: the same person signs in and carries on.
 */
export function LockScreen({ user, reason }: { user: UserSummary; reason: EndReason | null }) {
  const { login, signIn, refusal, secondsLeft } = useSignIn();
  const { form, formProps, field } = useContractForm({ schema: unlockSchema, defaultValues: { password: '' }, mutation: login });
  const endSession = useEndSession();
  const waiting = secondsLeft > 0;

  const retypePassword = () => {
    form.setValue('password', '');
    form.setFocus('password');
  };

  return (
    <AuthLayout
      title="Console locked"
      intro={<p>{LOCKED_BECAUSE[reason ?? 'lost']}</p>}
    >
      <p className="lock-user">
        <Icon name="lock" />
        <span>
          <strong>{user.displayName}</strong> ({user.username}), {ROLE_LABELS[user.role]}
        </span>
      </p>
      <form {...formProps(({ password }) => !waiting && signIn({ username: user.username, password }, retypePassword))} className="form" aria-label="Unlock">
        <SignInPasswordField refused={refusal !== null} autoFocus {...field('password')} />
        {refusal && <SignInRefusalNotice refusal={refusal} secondsLeft={secondsLeft} title="Still locked" wrong={WRONG} />}
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={login.isPending} disabled={waiting}>
            Unlock
          </Button>
          <Button variant="link" onClick={() => endSession(null)}>
            Sign in as someone else
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}

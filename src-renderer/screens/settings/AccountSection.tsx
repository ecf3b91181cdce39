import type { UserSummary } from '../../../src-shared/contract';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDuration } from '../../lib/time';
import { useSessionStore } from '../../state/session-store';
import { ChangePasswordForm } from './ChangePasswordForm';

export function AccountSection({ user }: { user: UserSummary }) {
  const idleTimeoutSeconds = useSessionStore((s) => s.idleTimeoutSeconds);
  return (
    <>
      <ScreenHeader eyebrow="Settings" title="Account" />
      <section className="panel" aria-labelledby="account-you-title">
        <h2 id="account-you-title">You</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{user.displayName}</dd>
          <dt>Username</dt>
          <dd>{user.username}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          {idleTimeoutSeconds !== null && (
            <>
              <dt>Auto-lock</dt>
              <dd>After {formatDuration(idleTimeoutSeconds)} without activity</dd>
            </>
          )}
        </dl>
      </section>
      <section className="panel">
        <ChangePasswordForm />
      </section>
    </>
  );
}

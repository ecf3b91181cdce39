import type { UserSummary } from '../../src-shared/contract';
import { ROLE_LABELS } from '../../src-shared/roles';
import { useLogout } from '../api/session';
import { Button } from '../components/Button';
import { TeamSyncState } from './TeamSyncState';
import { ThemeToggle } from './ThemeToggle';

export function AppHeader({ user }: { user: UserSummary }) {
  const logout = useLogout();
  return (
    <header className="app-header">
      <span className="brand">Vigil</span>
      <TeamSyncState />
      <p className="header-user">
        <span className="header-user-name">{user.displayName}</span>
        <span className="header-user-role">{ROLE_LABELS[user.role]}</span>
      </p>
      <ThemeToggle />
      <Button pending={logout.isPending} onClick={() => logout.mutate()}>
        Sign out
      </Button>
    </header>
  );
}

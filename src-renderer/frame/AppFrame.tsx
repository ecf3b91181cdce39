import { useEffect, useRef } from 'react';
import { useActivityReports } from '../api/activity';
import type { UserSummary } from '../../src-shared/contract';
import { AlertsScreen } from '../screens/alerts/AlertsScreen';
import { DesktopNotices } from '../screens/alerts/DesktopNotices';
import { AuditScreen } from '../screens/audit/AuditScreen';
import { ConnectionsScreen } from '../screens/connections/ConnectionsScreen';
import { KpiScreen } from '../screens/kpi/KpiScreen';
import { SafetyScreen } from '../screens/safety/SafetyScreen';
import { RunbookSettings } from '../screens/runbooks/RunbookSettings';
import { RunbooksScreen } from '../screens/runbooks/RunbooksScreen';
import { AboutSection } from '../screens/settings/AboutSection';
import { AccountSection } from '../screens/settings/AccountSection';
import { DisplaysSection } from '../screens/settings/displays/DisplaysSection';
import { MaintenanceSection } from '../screens/settings/maintenance/MaintenanceSection';
import { NetworkSection } from '../screens/settings/network/NetworkSection';
import { NotificationsSection } from '../screens/settings/notifications/NotificationsSection';
import { AlertRulesSection } from '../screens/settings/rules/AlertRulesSection';
import { SandboxSection } from '../screens/settings/sandbox/SandboxSection';
import { TeamSection } from '../screens/settings/team/TeamSection';
import { UsersSection } from '../screens/settings/UsersSection';
import { KnowledgeScreen } from '../screens/knowledge/KnowledgeScreen';
import { TriageScreen } from '../screens/triage/TriageScreen';
import { AppHeader } from './AppHeader';
import { LiveUpdatesBanner } from './LiveUpdatesBanner';
import { MainNav } from './MainNav';
import type { ScreenId } from './screens';
import { useHashScreen } from './use-hash-screen';
import { can } from '../../src-shared/roles';
import { AuditRollbackBanner } from './AuditRollbackBanner';

function ScreenView({ id, user }: { id: ScreenId; user: UserSummary }) {
  switch (id) {
    case 'connections':
      return <ConnectionsScreen user={user} />;
    case 'alerts':
      return <AlertsScreen user={user} />;
    case 'triage':
      return <TriageScreen user={user} />;
    case 'knowledge':
      return <KnowledgeScreen user={user} />;
    case 'kpi':
      return <KpiScreen user={user} />;
    case 'safety':
      return <SafetyScreen user={user} />;
    case 'audit':
      return <AuditScreen />;
    case 'runbooks':
      return <RunbooksScreen user={user} />;
    case 'settings/users':
      return <UsersSection me={user} />;
    case 'settings/notifications':
      return <NotificationsSection />;
    case 'settings/network':
      return <NetworkSection />;
    case 'settings/maintenance':
      return <MaintenanceSection />;
    case 'settings/displays':
      return <DisplaysSection />;
    case 'settings/rules':
      return <AlertRulesSection user={user} />;
    case 'settings/runbooks':
      return <RunbookSettings />;
    case 'settings/sandbox':
      return <SandboxSection />;
    case 'settings/team':
      return <TeamSection />;
    case 'settings/account':
      return <AccountSection user={user} />;
    case 'settings/about':
      return <AboutSection />;
  }
}

/** Moving to another screen puts keyboard and screen-reader focus on its heading. */
function useFocusHeadingOnChange(id: ScreenId) {
  const mainRef = useRef<HTMLElement>(null);
  const shown = useRef(id);
  useEffect(() => {
    if (shown.current === id) return;
    shown.current = id;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [id]);
  return mainRef;
}

export function AppFrame({ user }: { user: UserSummary }) {
  useActivityReports();
  const current = useHashScreen(user.role);
  const mainRef = useFocusHeadingOnChange(current.id);
  return (
    <div className="app-frame">
      <AppHeader user={user} />
      <LiveUpdatesBanner />
      <MainNav role={user.role} current={current} />
      <main ref={mainRef} className="app-main">
        {can(user.role, 'audit.read') && current.id !== 'audit' && <AuditRollbackBanner />}
        <ScreenView id={current.id} user={user} />
      </main>
      <DesktopNotices />
    </div>
  );
}

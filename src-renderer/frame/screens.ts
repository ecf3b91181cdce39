import { can, type Permission, type Role } from '../../src-shared/roles';

interface ScreenDef {
  id: string;
  label: string;
  /** Settings sections sit under one nav heading. */
  group: 'settings' | null;
  /** null: every signed-in user (their own account). */
  permission: Permission | null;
}

/** Only screens that exist; nav order follows this list, and the first one a role may see is where it lands. */
export const SCREENS = [
  { id: 'connections', label: 'Connections', group: null, permission: 'connections.read' },
  { id: 'alerts', label: 'Alerts', group: null, permission: 'alerts.read' },
  { id: 'triage', label: 'Triage', group: null, permission: 'tickets.read' },
  { id: 'knowledge', label: 'Knowledge', group: null, permission: 'kb.read' },
  { id: 'kpi', label: 'KPIs', group: null, permission: 'kpi.read' },
  { id: 'safety', label: 'Safety', group: null, permission: 'safety.read' },
  { id: 'audit', label: 'Audit', group: null, permission: 'audit.read' },
  { id: 'runbooks', label: 'Runbooks', group: null, permission: 'runbooks.read' },
  { id: 'settings/users', label: 'Users', group: 'settings', permission: 'users.manage' },
  { id: 'settings/notifications', label: 'Notifications', group: 'settings', permission: 'notify.manage' },
  { id: 'settings/network', label: 'Network', group: 'settings', permission: 'network.manage' },
  { id: 'settings/maintenance', label: 'Maintenance windows', group: 'settings', permission: 'monitor.manage' },
  { id: 'settings/displays', label: 'Wall displays', group: 'settings', permission: 'displays.manage' },
  { id: 'settings/rules', label: 'Alert rules', group: 'settings', permission: 'alerts.read' },
  { id: 'settings/runbooks', label: 'Runbook settings', group: 'settings', permission: 'runbooks.manage' },
  { id: 'settings/sandbox', label: 'Sandbox EHR', group: 'settings', permission: 'sandbox.manage' },
  { id: 'settings/team', label: 'Team', group: 'settings', permission: 'team.manage' },
  { id: 'settings/account', label: 'Account', group: 'settings', permission: null },
  { id: 'settings/about', label: 'About this console', group: 'settings', permission: 'system.read' },
] as const satisfies readonly ScreenDef[];

export type Screen = (typeof SCREENS)[number];
export type ScreenId = Screen['id'];
export type ScreenGroup = NonNullable<Screen['group']>;

export const GROUP_LABELS: Record<ScreenGroup, string> = { settings: 'Settings' };

export function screensFor(role: Role): Screen[] {
  return SCREENS.filter((s) => s.permission === null || can(role, s.permission));
}

/**
 * The screen to show for what was asked (a screen, a group, or nothing): the
 * request if the role may see it, else the first allowed one in its group,
 * else the first allowed one at all. Account is open to everyone, so there
 * always is one.
 */
export function resolveScreen(role: Role, wanted: ScreenId | ScreenGroup | null): Screen {
  const allowed = screensFor(role);
  const first = allowed[0] as Screen;
  if (wanted === null) return first;
  const group = SCREENS.find((s) => s.id === wanted)?.group ?? wanted;
  return allowed.find((s) => s.id === wanted) ?? allowed.find((s) => s.group === group) ?? first;
}

export function screenHref(id: ScreenId | ScreenGroup): string {
  return `#/${id}`;
}

export function parseScreenHash(hash: string): ScreenId | ScreenGroup | null {
  const wanted = hash.replace(/^#\//, '');
  if (Object.hasOwn(GROUP_LABELS, wanted)) return wanted as ScreenGroup;
  return SCREENS.find((s) => s.id === wanted)?.id ?? null;
}

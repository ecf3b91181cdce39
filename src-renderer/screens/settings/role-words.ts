import { can, ROLES, type Permission, type Role } from '../../../src-shared/roles';

/**
 * What a permission lets someone do, in a few words, in the order a
 * description reads best; null for what every role may do anyway (it tells
 * no role apart). A Record, so a new permission in roles.ts must be worded here.
 */
const PERMISSION_WORDS: Record<Permission, string | null> = {
  'connections.read': 'watch connections',
  'alerts.read': null,
  'alerts.respond': 'acknowledge alerts',
  'connections.test': 'run diagnostics',
  'monitor.manage': 'tune monitoring (pauses, maintenance, alert rules)',
  'phi.view': 'look up patients (break-glass to unmask)',
  'audit.read': 'review the audit trail',
  'audit.manage': 'acknowledge audit trail losses and set export retention',
  'connections.manage': 'set up connections',
  'users.manage': 'manage accounts',
  'sandbox.manage': 'set sandbox faults',
  'notify.manage': 'set up notifications',
  'network.manage': 'allow outbound exceptions',
  'displays.manage': 'pair wall displays',
  'system.read': null,
  'tickets.read': null,
  'tickets.triage': 'triage tickets',
  'tickets.follow': 'comment on tickets',
  'tickets.import': 'import tickets',
  'tickets.manage': 'set SLA policies',
  'kb.read': null,
  'kb.edit': 'edit knowledge articles',
  'kpi.read': null,
  'kpi.manage': 'set KPI targets',
  'team.manage': 'switch team mode on and off',
  'runbooks.read': null,
  'runbooks.manage': 'manage runbooks and the exec allow-list',
  'safety.read': null,
  'safety.review': 'sign off safety incidents',
  'safety.manage': 'set safety thresholds',
};

function sentence(parts: string[]): string {
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'sign in');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** What a role may do, read from PERMISSIONS: "Watch connections and run diagnostics." */
export function roleAbilities(role: Role): string {
  const words = (Object.entries(PERMISSION_WORDS) as [Permission, string | null][])
    .filter(([permission, text]) => text !== null && can(role, permission))
    .map(([, text]) => text as string);
  return sentence(words);
}

export const ROLE_ABILITIES: Record<Role, string> = Object.fromEntries(ROLES.map((role) => [role, roleAbilities(role)])) as Record<Role, string>;

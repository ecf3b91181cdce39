/**
 * Roles and what each may do. The contract's per-channel role lists and the
 * renderer's navigation both come from PERMISSIONS, so there is one place to
 * change who can do what.
 */
export const ROLES = ['operator', 'safety_officer', 'support_tech', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  operator: 'NOC operator',
  safety_officer: 'Clinical safety officer',
  support_tech: 'Support technician',
  admin: 'Administrator',
};

const everyone = ROLES;

export const PERMISSIONS = {
  /** Read the console's own status (version, data folder health). */
  'system.read': everyone,
  /** Manage local accounts and their roles. */
  'users.manage': ['admin'],
  /** Read, verify and export the audit trail. */
  'audit.read': ['safety_officer', 'admin'],
  /** Acknowledge a rolled-back audit trail; set how long audit exports are kept. */
  'audit.manage': ['admin'],
  /** See EHR connections, their health and diagnostics. */
  'connections.read': everyone,
  /** Run a connection's diagnostics now. */
  'connections.test': ['operator', 'support_tech', 'admin'],
  /** Add, change and remove connections and their credentials. */
  'connections.manage': ['admin'],
  /** See patient data in clear (break-glass, with a reason that is audited). */
  'phi.view': ['safety_officer', 'support_tech', 'admin'],
  /** Set the embedded sandbox EHR's fault switches. */
  'sandbox.manage': ['admin'],
  /** See alerts and the status board. */
  'alerts.read': everyone,
  /** Acknowledge and resolve alerts. */
  'alerts.respond': ['operator', 'safety_officer', 'admin'],
  /** Pause and resume probing, change probe plans and dependencies, plan maintenance windows. */
  'monitor.manage': ['operator', 'admin'],
  /** Add, change, remove and test notification channels. */
  'notify.manage': ['admin'],
  /** Pair wall displays (read-only board and alerts on a screen nobody signs in to) and revoke them. */
  'displays.manage': ['admin'],
  /** Allow hosts Vigil otherwise refuses to send requests to (link-local, cloud metadata), and metrics endpoints on other hosts. */
  'network.manage': ['admin'],
  /** See the ticket queue, tickets, saved views and SLA policies. */
  'tickets.read': everyone,
  /** Open, change, assign, escalate, move and resolve tickets. */
  'tickets.triage': ['support_tech', 'operator', 'admin'],
  /** Comment on and follow tickets: triagers any, safety officers clinical and patient-safety ones. */
  'tickets.follow': ['support_tech', 'operator', 'admin', 'safety_officer'],
  /** Import tickets with their history from another tool. */
  'tickets.import': ['admin'],
  /** Edit SLA policies, their calendars, and how alerts open tickets. */
  'tickets.manage': ['admin'],
  /** Read and search the knowledge base, and vote on articles. */
  'kb.read': everyone,
  /** Write and edit knowledge-base articles. */
  'kb.edit': ['admin'],
  /** See the KPIs, their targets and breakdowns, and export them. */
  'kpi.read': everyone,
  /** Change the KPI targets and the number of licensed clinicians. */
  'kpi.manage': ['admin'],
  /** Switch team mode (a shared PostgreSQL database) on, off, or to another database. */
  'team.manage': ['admin'],
  /** See runbooks and their runs; run, approve and answer those whose own roles include theirs. */
  'runbooks.read': everyone,
  /** Import, edit and delete runbooks, the exec allow-list and how long run history is kept. */
  'runbooks.manage': ['admin'],
  /** See the patient-safety score, its incidents and signatures, the compliance breakdown and the monthly report. */
  'safety.read': everyone,
  /** Acknowledge, comment on and sign off safety incidents. */
  'safety.review': ['safety_officer', 'admin'],
  /** Change the safety thresholds and weights. */
  'safety.manage': ['safety_officer', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

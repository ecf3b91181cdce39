import type { TeamStatus } from '../../../api/team';

export const TEAM_INTRO =
  'Team mode shares tickets, accounts and the audit trail with the other workstations through one PostgreSQL database. This workstation keeps working offline and catches up when the database is back.';

export const TLS_HINT = 'Required unless the database runs on this computer.';
export const PASSWORD_KEPT_HINT = 'Leave empty to keep the password saved in the keychain.';

export function waitingText(n: number): string {
  return n === 1 ? '1 change waiting' : `${n.toLocaleString()} changes waiting`;
}

/** The sync state in a few words: online, or offline and since when is said by the caller with a time. */
export function syncTone(status: TeamStatus): 'ok' | 'warn' {
  return status.online ? 'ok' : 'warn';
}

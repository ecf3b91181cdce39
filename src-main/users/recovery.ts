/**
 * The way back in for a locked-out administrator, without Vigil running: a
 * new password set from this machine by someone who can open the data folder
 * with its key from the keychain (as Grafana's `grafana cli admin
 * reset-admin-password`). It lifts every lock on the account and is audited
 * under the 'local-recovery' actor, with the operating-system account that
 * ran it, in the same transaction as the change.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../src-shared/contract';
import { auditTarget, type SystemActor } from '../audit';
import type { Clock } from '../clock';
import type { AuditSink } from '../dispatch';
import { hashPassword } from './passwords';
import { UsersService } from './users-service';

/** The account named does not exist; the message lists what to do. */
export class NoSuchAccount extends Error {
  constructor(username: string, known: string[]) {
    super(
      `There is no account named "${username}" in this data folder.` +
        (known.length > 0 ? ` Its accounts: ${known.join(', ')}.` : ' It has no accounts yet: start Vigil and create the administrator.'),
    );
    this.name = 'NoSuchAccount';
  }
}

const ACTOR: SystemActor = 'local-recovery';

export async function resetPasswordLocally(
  deps: { db: Database.Database; clock: Clock; audit: AuditSink },
  request: { username: string; newPassword: string; ranBy: { osUser: string; host: string } },
): Promise<{ user: UserSummary; clearedSources: number }> {
  const users = new UsersService(deps.db, { clock: deps.clock });
  const found = users.findByName(request.username);
  if (!found) throw new NoSuchAccount(request.username, users.list().map((u) => u.username));
  const hash = await hashPassword(request.newPassword, { urgent: true });
  const clearedSources = deps.db.transaction(() => {
    const cleared = users.replacePassword(found.id, hash);
    deps.audit.append({
      actor: ACTOR,
      action: 'users.resetPassword',
      target: auditTarget.user(found.id),
      outcome: 'ok',
      detail: { via: 'recovery command', osUser: request.ranBy.osUser, host: request.ranBy.host, clearedSources: cleared },
    });
    return cleared;
  })();
  return { user: users.get(found.id), clearedSources };
}

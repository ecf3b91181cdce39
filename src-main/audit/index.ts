/**
 * The audit service: the hash-chained trail, its channels (list, verify,
 * export, status, rollback acknowledgement, export retention), the sink the
 * dispatcher writes every audited call to, and the writer other services use
 * for what Vigil does on its own.
 *
 * At start the trail's tip is held against its anchor in the OS keychain
 * (anchor.ts). The first start of a data folder without an anchor (a new
 * folder, or one last opened by a Vigil that did not anchor yet) trusts the
 * database as it is and writes the first anchor. A database behind its
 * anchor opens "rolled back" (rollback.ts): the store and every read work,
 * audited channels answer UNAVAILABLE naming the missing entries, except
 * those an admin needs to get in and acknowledge it (ROLLED_BACK_PASS).
 */
import type { AuditVerifyResult, ChannelName } from '../../src-shared/contract';
import type { Clock } from '../clock';
import type { AuditSink } from '../dispatch';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { redactDeep } from '../phi';
import type { SecretStore } from '../secrets';
import type { ServiceModule } from '../service-module';
import type { Store } from '../store';
import { ChainAnchor } from './anchor';
import { AuditLog, type AuditTally } from './audit-log';
import { chainEntries, type ChainEntry } from './chain-entries';
import { auditHandlers } from './handlers';
import { exportFileName, exportsDir, saveExport } from '../exports';
import { ExportRetention } from './retention';
import { detectRollback } from './rollback';
import { AuditSettings } from './settings';
import { walkInWorkers } from './verify-run';
import { auditWriter, type AuditWriter } from './writer';

export { AuditUnavailableError, type AuditTally } from './audit-log';
export { auditTarget, SYSTEM_ACTORS, type SystemActor } from './targets';
export type { AuditWriter, SystemAuditEntry } from './writer';
export { ChainWalker, type ChainBreak } from './chain';
export { GENESIS_HASH } from './canonical';
export type { ChainEntry } from './chain-entries';

export interface AuditDeps {
  store: Pick<Store, 'db' | 'keychainAccount' | 'startReader'>;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  events: EventBus;
  dataDir: string;
  /** How far the keychain's anchor may trail the appends (anchor.ts); tests shorten it. */
  anchorDelayMs?: number;
}

export interface AuditApi {
  /** For the dispatcher: every audited channel call, by whoever made it. */
  sink: AuditSink;
  /** For services: what Vigil does on its own, and acts that must be on record first. */
  writer: AuditWriter;
  count(): number;
  /** Walks the hash chain, as audit.verify does (a runbook step). */
  verify(): Promise<AuditVerifyResult>;
  /** Saves a JSON Lines export of a range into the data folder's exports, as audit.export does (a runbook step); the caller audits it. */
  exportRange(range: { from?: number; to?: number }): Promise<{ savedTo: string; entries: number; sha256: string }>;
  /** What the trail holds since `from` (an index range, cheap). */
  tally(from: number): AuditTally;
  /** Stored entries after a seq, in order, at most limit (team mode copies the chain). */
  entriesAfter(afterSeq: number, limit: number): ChainEntry[];
}

/**
 * Audited channels that still run while the trail is rolled back: without
 * them nobody could sign in to acknowledge it. Their entries are held and
 * written after the acknowledgement.
 */
const ROLLED_BACK_PASS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  // A database restored into a folder that had none has no users yet.
  'setup.createAdmin',
  'session.login',
  'session.logout',
  'audit.acknowledgeRollback',
]);

export async function createAuditModule(deps: AuditDeps): Promise<ServiceModule<AuditApi>> {
  const { store, clock, log, events } = deps;
  const anchor = new ChainAnchor(deps.secrets, store.keychainAccount('audit-anchor'), log, deps.anchorDelayMs);
  const audit = new AuditLog(store.db, {
    clock,
    redact: redactDeep,
    onAppend: (tip) => {
      events.emit('audit.appended', { lastSeq: tip.seq });
      anchor.moved(tip);
    },
    walk: (lastSeq, onProgress) => walkInWorkers((entry, data) => store.startReader(entry, data), lastSeq, onProgress),
    onVerifyProgress: (checked, total) => events.emit('audit.verifyProgress', { checked, total }),
  });

  const anchored = await anchor.read();
  const found = audit.lastTip();
  const rollback = anchored && detectRollback(anchored, found, (seq) => audit.hashAt(seq), clock.now());
  if (rollback) {
    audit.markRolledBack(rollback);
    log.error('the audit trail lost entries the keychain anchored', { ...rollback });
  } else if (anchored?.seq !== found.seq || anchored.hash !== found.hash) {
    // The first anchor of this folder, or the tip the anchor trailed when Vigil last stopped.
    anchor.moved(found);
    await anchor.flush();
  }

  const writer = auditWriter(audit, log);
  const settings = new AuditSettings(store.db);
  const exportDir = exportsDir(deps.dataDir);
  const retention = new ExportRetention({ dir: exportDir, settings, clock, writer, log });
  await retention.start();

  const sink: AuditSink = {
    append: (entry) => audit.appendOrHold(entry),
    refusal: (channel) => (ROLLED_BACK_PASS.has(channel) ? null : (audit.rollback()?.message ?? null)),
  };
  return {
    name: 'audit',
    handlers: auditHandlers({ audit, anchor, settings, retention, exportDir, clock }),
    api: { sink, writer, count: () => audit.count(), verify: () => audit.verify(),
      tally: (from) => audit.tally(from),
      entriesAfter: chainEntries(store.db),
      exportRange: async (range) => {
        const { lines, entries, sha256 } = audit.exportJsonl(range);
        return { savedTo: await saveExport(exportDir, exportFileName('audit', clock.now(), 'jsonl'), lines), entries, sha256 };
      },
    },
    close: async () => {
      retention.stop();
      const held = audit.rollback()?.heldEntries ?? 0;
      if (held > 0) {
        // They lived in memory only: the log is where they are last seen.
        log.error('audit entries held while the trail was rolled back are lost: Vigil stopped before an admin acknowledged the rollback', { heldEntries: held });
      }
      await anchor.flush();
    },
  };
}

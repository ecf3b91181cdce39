/**
 * The audit service: the hash-chained trail, its channels (list, verify,
 * export), the sink the dispatcher writes every audited call to, and the
 * writer other services use for what Vigil does on its own.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import type { AuditSink } from '../dispatch';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { redactDeep } from '../phi';
import type { ServiceModule } from '../service-module';
import { AuditLog } from './audit-log';
import { auditHandlers } from './handlers';
import { auditWriter, type AuditWriter } from './writer';

export { auditTarget, SYSTEM_ACTORS, type SystemActor } from './targets';
export type { AuditWriter, SystemAuditEntry } from './writer';

export interface AuditDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  dataDir: string;
}

export interface AuditApi {
  /** For the dispatcher: every audited channel call, by whoever made it. */
  sink: AuditSink;
  /** For services: what Vigil does on its own. */
  writer: AuditWriter;
  count(): number;
}

export function createAuditModule(deps: AuditDeps): ServiceModule<AuditApi> {
  const audit = new AuditLog(deps.db, {
    clock: deps.clock,
    redact: redactDeep,
    onAppend: (lastSeq) => deps.events.emit('audit.appended', { lastSeq }),
  });
  return {
    name: 'audit',
    handlers: auditHandlers({ audit, exportDir: join(deps.dataDir, 'exports'), clock: deps.clock }),
    api: { sink: audit, writer: auditWriter(audit, deps.log), count: () => audit.count() },
    close: () => {},
  };
}

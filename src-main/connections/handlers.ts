/** Contract handlers for EHR connections, their diagnostics, the patient snapshot and the sandbox switches. */
import { ZodError } from 'zod';
import type { CheckResult, Connection } from '../../src-shared/contract';
import { can } from '../../src-shared/roles';
import type { AuditWriter } from '../audit';
import type { Clock } from '../clock';
import { DispatchError, type HandlerContext, type HandlerTable } from '../dispatch';
import { FhirError } from '../ehr';
import type { EventBus } from '../events';
import { redact } from '../phi';
import type { ConnectionClients } from './connection-clients';
import type { ConnectionsRepo } from './connections-repo';
import type { ConnectionsService } from './connections-service';
import { testConnection } from './diagnostics';
import { readPatientSnapshot, UnknownPatientError } from './patient-snapshot';
import { NO_SANDBOX, type SandboxLink } from './sandbox-link';
import { vendorCatalog } from './vendor-catalog';

export type ConnectionChannels =
  | 'ehr.vendors'
  | 'connections.list'
  | 'connections.get'
  | 'connections.create'
  | 'connections.update'
  | 'connections.delete'
  | 'connections.generateKey'
  | 'connections.test'
  | 'ehr.patientSnapshot'
  | 'sandbox.get'
  | 'sandbox.set';

export interface ConnectionHandlerDeps {
  service: ConnectionsService;
  clients: ConnectionClients;
  repo: ConnectionsRepo;
  events: EventBus;
  clock: Clock;
  /** Null when this console runs without its embedded sandbox. */
  sandbox: SandboxLink | null;
  /** The salted-hash patient ref (phi/patient-ref.ts). */
  patientRef(patientId: string): Promise<string>;
  /** Records a break-glass read before the EHR is asked (recordBefore). */
  audit: AuditWriter;
}

/** The entry a break-glass read writes before any PHI is asked for; the channel's own entry follows with the outcome. */
export const BREAK_GLASS_ACTION = 'phi.breakGlass';

const target = (id: number) => `connection:${id}`;

/**
 * The break-glass reason as audited: PHI patterns redacted, and the patient
 * id, should the reason quote it, replaced by the patient's ref.
 */
function auditedReason(reason: string, patientId: string, ref: string): string {
  const escaped = patientId.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return redact(reason.replace(new RegExp(`(?<![A-Za-z0-9.-])${escaped}(?![A-Za-z0-9.-])`, 'g'), ref));
}

function snapshotFailure(err: unknown, connectionName: string): unknown {
  if (err instanceof UnknownPatientError) {
    return new DispatchError('NOT_FOUND', `${connectionName} has no patient with that id. Check the id (a FHIR logical id, not an MRN).`);
  }
  if (err instanceof FhirError) {
    return new DispatchError('UNAVAILABLE', `${connectionName}: ${redact(err.message)}. ${err.guidance}`, {
      kind: err.kind,
      kbCode: err.kbCode,
      guidance: err.guidance,
    });
  }
  return err;
}

// These channels need a session, so there always is a caller; the fallback only satisfies the type.
const actor = (ctx: HandlerContext) => ctx.caller?.username ?? 'anonymous';

/** The server's own words in an error can quote a patient: only roles that may see PHI get them. */
function mayReadServerText(ctx: HandlerContext): boolean {
  return ctx.caller !== null && can(ctx.caller.role, 'phi.view');
}

function withoutServerText(check: CheckResult): CheckResult {
  return check.error?.serverText ? { ...check, error: { ...check.error, serverText: null } } : check;
}

function forCaller(connection: Connection, ctx: HandlerContext): Connection {
  if (mayReadServerText(ctx) || !connection.lastTest) return connection;
  return { ...connection, lastTest: { ...connection.lastTest, checks: connection.lastTest.checks.map(withoutServerText) } };
}

export function connectionHandlers(deps: ConnectionHandlerDeps): HandlerTable<ConnectionChannels> {
  const { service, clients, events, sandbox } = deps;

  return {
    'ehr.vendors': () => ({ vendors: vendorCatalog() }),

    'connections.list': async (_input, ctx) => ({ connections: (await service.list()).map((c) => forCaller(c, ctx)) }),

    'connections.get': async (input, ctx) => forCaller(await service.get(input.id), ctx),

    'connections.create': async (input, ctx) => {
      ctx.audit({ detail: { name: input.config.name } });
      const saved = await service.create(input, actor(ctx));
      ctx.audit({ target: target(saved.connection.id), detail: saved.detail });
      return saved.connection;
    },

    'connections.update': async (input, ctx) => {
      ctx.audit({ target: target(input.id) });
      const saved = await service.update(input.id, input, actor(ctx));
      ctx.audit({ detail: saved.detail });
      return saved.connection;
    },

    'connections.delete': async (input, ctx) => {
      ctx.audit({ target: target(input.id) });
      ctx.audit({ detail: await service.delete(input.id, actor(ctx)) });
      return {};
    },

    'connections.generateKey': async (input, ctx) => {
      ctx.audit({ target: target(input.id), detail: { alg: input.alg } });
      const saved = await service.generateKey(input.id, input.alg, actor(ctx));
      ctx.audit({ detail: saved.detail });
      return saved.connection;
    },

    'connections.test': async (input, ctx) => {
      ctx.audit({ target: target(input.id) });
      const record = service.record(input.id);
      // Progress reaches every console that watches connections, so it never carries the server's words.
      const run = await testConnection({ clients, repo: deps.repo, clock: deps.clock }, record, (runId, result) =>
        events.emit('connections.testProgress', { runId, connectionId: record.id, result: withoutServerText(result) }),
      );
      events.emit('connections.changed', { connectionId: record.id, by: actor(ctx) });
      ctx.audit({
        detail: {
          runId: run.runId,
          status: run.status,
          failed: run.checks.filter((c) => c.status === 'fail').map((c) => c.check),
          warned: run.checks.filter((c) => c.status === 'warn').map((c) => c.check),
        },
      });
      return mayReadServerText(ctx) ? run : { ...run, checks: run.checks.map(withoutServerText) };
    },

    'ehr.patientSnapshot': async (input, ctx) => {
      ctx.audit({ target: target(input.connectionId) });
      const patientRef = await deps.patientRef(input.patientId);
      const reason = input.reveal && auditedReason(input.reveal.reason, input.patientId, patientRef);
      ctx.audit({ detail: reason === undefined ? { patientRef, breakGlass: false } : { patientRef, breakGlass: true, reason } });
      const record = service.record(input.connectionId);
      if (reason !== undefined) {
        // On record before the EHR is asked, so PHI in clear is never read without its entry, even if
        // the process dies the moment it arrives; no entry, no read.
        try {
          deps.audit.recordBefore(ctx.caller?.username ?? 'anonymous', {
            action: BREAK_GLASS_ACTION,
            target: target(input.connectionId),
            detail: { patientRef, reason },
          });
        } catch (err) {
          throw new DispatchError(
            'UNAVAILABLE',
            `The patient was not read: the audit trail could not record this break-glass access first (${(err as Error).message}).`,
          );
        }
      }
      try {
        const client = await clients.sharedFor(record);
        return await readPatientSnapshot(client, input.patientId, { reveal: input.reveal !== undefined, patientRef, now: deps.clock.now() });
      } catch (err) {
        throw snapshotFailure(err, record.config.name);
      }
    },

    'sandbox.get': () => sandbox?.info() ?? NO_SANDBOX,

    'sandbox.set': async (input, ctx) => {
      ctx.audit({ target: 'sandbox', detail: { change: input } });
      if (!sandbox) throw new DispatchError('UNAVAILABLE', 'This console runs without its embedded sandbox EHR.');
      try {
        return await sandbox.set(input);
      } catch (err) {
        if (err instanceof ZodError) {
          throw new DispatchError('INVALID_INPUT', err.issues[0]?.message ?? 'The sandbox does not accept this change.', err.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
        }
        throw new DispatchError('UNAVAILABLE', `The sandbox could not apply the change: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}

/** Contract handlers for team mode: its state, switching it on (or to another database) and off, and a sync now. */
import { auditTarget } from '../audit';
import { DispatchError, type HandlerTable } from '../dispatch';
import { TeamConnectError, TeamNotOnError, TeamOtherDatabaseError, TeamPasswordMissingError, type TeamService } from './team-service';

type TeamChannels = 'team.status' | 'team.configure' | 'team.disable' | 'team.sync' | 'team.audit.verify';

export function teamHandlers(service: TeamService): HandlerTable<TeamChannels> {
  return {
    'team.status': () => service.status(),
    'team.configure': async (input, ctx) => {
      const { host, port, database, user, tls } = input;
      ctx.audit({ target: auditTarget.team(), detail: { host, port, database, user, tls, password: input.password ? 'changed' : 'kept' } });
      try {
        return await service.configure(input, ctx.caller?.username ?? 'anonymous');
      } catch (err) {
        if (err instanceof TeamPasswordMissingError) throw new DispatchError('INVALID_INPUT', err.message, [{ path: ['password'], message: err.message }]);
        if (err instanceof TeamConnectError) throw new DispatchError('UNAVAILABLE', `Could not use the shared database: ${err.message}`);
        if (err instanceof TeamOtherDatabaseError) throw new DispatchError('CONFLICT', err.message);
        throw err;
      }
    },
    'team.disable': (_input, ctx) => {
      ctx.audit({ target: auditTarget.team() });
      return service.disable();
    },
    'team.sync': () => service.syncNow(),
    'team.audit.verify': async (_input, ctx) => {
      try {
        const result = await service.verifyAudit();
        ctx.audit({ target: auditTarget.team(), detail: { ok: result.ok, workstations: result.workstations.length, findings: result.findings.length } });
        return result;
      } catch (err) {
        if (err instanceof TeamNotOnError) throw new DispatchError('UNAVAILABLE', err.message);
        if (err instanceof TeamConnectError || err instanceof TeamPasswordMissingError) throw new DispatchError('UNAVAILABLE', `Could not reach the shared database: ${err.message}`);
        throw err;
      }
    },
  };
}

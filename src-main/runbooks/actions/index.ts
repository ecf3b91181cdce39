/** The built-in actions, by name. */
import type { ActionDef, ActionSet } from './action';
import { connectionActions } from './connection-actions';
import type { ActionDeps } from './deps';
import { execAction } from './exec-action';
import { incidentActions } from './incident-actions';
import { machineActions } from './machine-actions';
import { otherActions } from './other-actions';
import { reportActions } from './report-actions';
import { safetyActions } from './safety-actions';

export function builtinActions(deps: ActionDeps): ActionSet {
  const all: ActionDef[] = [...connectionActions(deps), ...machineActions(deps), ...incidentActions(deps), ...otherActions(deps), ...reportActions(deps), ...safetyActions(deps), execAction(deps)];
  return new Map(all.map((a) => [a.name, a]));
}

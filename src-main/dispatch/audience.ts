/** Which signed-in callers an event may reach (EVENTS[e].audience in the contract). */
import { EVENTS, type EventName } from '../../src-shared/contract';
import { can } from '../../src-shared/roles';
import type { PushedEvent } from '../events';
import type { Caller } from './handler';

export function mayReceive(caller: Caller, message: PushedEvent): boolean {
  if (message.toToken !== undefined && message.toToken !== caller.token) return false;
  const audience = EVENTS[message.event as EventName].audience;
  return audience === 'session' || can(caller.role, audience);
}

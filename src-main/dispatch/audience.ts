/** Which signed-in callers an event may reach (EVENTS[e].audience in the contract). */
import { EVENTS, type EventName } from '../../src-shared/contract';
import { can } from '../../src-shared/roles';
import type { PushedEvent } from '../events';
import { isDisplayCaller, type Caller, type DisplayCaller } from './handler';

/** A wall display hears only what is meant for displays, and a person never hears that. */
export function mayReceive(caller: Caller | DisplayCaller, message: PushedEvent): boolean {
  if (message.toToken !== undefined && message.toToken !== caller.token) return false;
  const audience = EVENTS[message.event as EventName].audience;
  if (isDisplayCaller(caller)) return audience === 'display';
  return audience === 'session' || (audience !== 'display' && can(caller.role, audience));
}

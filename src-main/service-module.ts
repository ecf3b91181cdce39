/**
 * What every service is to the composition root (app/vigil.ts): the contract
 * channels it serves, what it offers the services started after it, and how
 * it stops. A service folder's index.ts exports a factory taking a narrow
 * dependencies object and returning one of these; nothing else of the
 * folder is visible outside it (the linter enforces it).
 */
import type { HandlerTable } from './dispatch';

export interface ServiceModule<Api = undefined> {
  /** Names the module in errors about its channels and in close failures. */
  readonly name: string;
  /** The channels it owns; a channel served by two modules refuses to start. */
  readonly handlers: Partial<HandlerTable>;
  /** What other services may use of it, and nothing more. */
  readonly api: Api;
  /** Stops timers, sockets and queues; the store closes after every module. */
  close(): void | Promise<void>;
}

/** The one dispatcher both transports call, and what services implement to serve channels. */
export { createDispatcher, type AuditSink, type Dispatch, type DispatchMeta, type SessionLookup, type UnavailableCheck } from './dispatcher';
export { DispatchError, type AuditNote, type Caller, type Handler, type HandlerContext, type HandlerTable } from './handler';
export { mayReceive } from './audience';

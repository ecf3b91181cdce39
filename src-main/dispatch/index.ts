/** The one dispatcher both transports call, and what services implement to serve channels. */
export { createDispatcher, type AuditSink, type Dispatch, type DispatchMeta, type SessionLookup, type UnavailableCheck } from './dispatcher';
export {
  DispatchError,
  isDisplayCaller,
  LOCAL_SOURCE,
  sourceKey,
  type AuditNote,
  type Caller,
  type CallSource,
  type DisplayCaller,
  type Handler,
  type HandlerContext,
  type HandlerTable,
} from './handler';
export { mayReceive } from './audience';

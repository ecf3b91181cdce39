import type { ErrorBody, ErrorCode } from '../../src-shared/errors';

/**
 * UNREACHABLE is the renderer's own code: the transport could not deliver the
 * call at all (host down, socket closed), so no dispatcher ever answered.
 */
export type VigilErrorCode = ErrorCode | 'UNREACHABLE';

/** A failed call, carrying the dispatcher's error body unchanged. */
export class VigilError extends Error {
  readonly code: VigilErrorCode;
  readonly details: unknown;

  constructor(body: ErrorBody | { code: 'UNREACHABLE'; message: string; details?: unknown }) {
    super(body.message);
    this.name = 'VigilError';
    this.code = body.code;
    this.details = body.details;
  }
}

export function isVigilError(err: unknown, code?: VigilErrorCode): err is VigilError {
  return err instanceof VigilError && (code === undefined || err.code === code);
}

/**
 * The details of the UNAVAILABLE envelope the browser bridge makes itself
 * when no host answered at all (a dispatcher's own UNAVAILABLE has none).
 */
export const HOST_UNREACHABLE = { hostUnreachable: true } as const;

/** No dispatcher answered (host down, network, socket): asking again may well work, unlike any answer main gave. */
export function isTransportFailure(err: unknown): boolean {
  if (isVigilError(err, 'UNREACHABLE')) return true;
  const details = isVigilError(err, 'UNAVAILABLE') ? (err.details as { hostUnreachable?: unknown } | undefined) : undefined;
  return details?.hostUnreachable === true;
}

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

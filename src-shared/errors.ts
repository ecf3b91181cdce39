/** The dispatcher's reply envelope and its error codes, shared by both transports. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Structured extra facts, e.g. zod issues for INVALID_INPUT. Never a stack trace. */
  details?: unknown;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

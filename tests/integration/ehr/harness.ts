/** Shared pieces of the EHR client's integration tests. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { FhirError } from '../../../src-main/ehr/errors';
import type { Logger } from '../../../src-main/log';

/** Fails the file's tests if any promise rejection goes unhandled. */
export function trapUnhandledRejections(): void {
  const seen: unknown[] = [];
  const trap = (reason: unknown) => void seen.push(reason);
  beforeAll(() => void process.on('unhandledRejection', trap));
  afterAll(() => void process.off('unhandledRejection', trap));
  afterEach(() => {
    const found = seen.splice(0);
    expect(found).toEqual([]);
  });
}

/** A manual clock and a sleep that only records the wait and moves the clock. */
export function fakeTime() {
  const clock = manualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    clock.advance(ms);
  };
  return { clock, slept, sleep };
}

/** A logger that keeps every line with its raw fields (before any redaction). */
export function captureLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, ...fields }));
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The FhirError a promise rejects with. */
export async function failure(p: Promise<unknown>): Promise<FhirError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FhirError)) throw new Error(`expected a FhirError, got ${String(err)}`);
  return err;
}

/**
 * The process-wide cap on scrypt work: node:crypto's scrypt is wrapped to
 * count the hashes running at once (and still computes them for real).
 */
import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const running = vi.hoisted(() => ({ now: 0, most: 0, started: [] as string[] }));

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  type Done = (err: Error | null, key: Buffer) => void;
  return {
    ...real,
    scrypt: (...args: unknown[]) => {
      const done = args.pop() as Done;
      running.started.push(String(args[0]));
      running.now++;
      running.most = Math.max(running.most, running.now);
      (real.scrypt as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
        running.now--;
        done(err, key);
      });
    },
  };
});

const { hashPassword, SCRYPT_AT_ONCE, verifyPassword } = await import('../../../src-main/users/passwords');

describe('password hashing', () => {
  it('runs at most two scrypt hashes at once, however many are asked for, and still answers each right', async () => {
    const stored = await hashPassword('the right password', { urgent: true });
    running.most = 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => verifyPassword(i % 2 === 0 ? 'the right password' : 'a wrong password', stored, { urgent: i % 7 === 0 })),
    );
    expect(SCRYPT_AT_ONCE).toBe(2);
    expect(running.most).toBe(SCRYPT_AT_ONCE);
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => i % 2 === 0));
  });

  it('serves a caller at this machine before those from the network who asked earlier', async () => {
    const stored = await hashPassword('the right password', { urgent: true });
    running.started = [];
    const remote = Array.from({ length: 10 }, (_, i) => verifyPassword(`remote ${i}`, stored, { urgent: false }));
    const local = verifyPassword('local', stored, { urgent: true });
    await Promise.all([...remote, local]);
    // Two remote hashes were running already; the local one takes the next free slot.
    expect(running.started.slice(0, 4)).toEqual(['remote 0', 'remote 1', 'local', 'remote 2']);
  });
});

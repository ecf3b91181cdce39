/** A keytar that cannot load (no libsecret, no native build) must surface as a KeychainError, not a crash at import. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('keytar', () => {
  throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
});

describe('keychain when keytar cannot load', () => {
  it('imports fine and fails each call with UNAVAILABLE naming keytar and the cause', async () => {
    const { createKeychain, KeychainError } = await import('../../../src-main/secrets/keychain');
    const store = createKeychain({ service: 'vigil-unit' });
    const err: unknown = await store.get('db-key').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeychainError);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect((err as Error).message).toMatch(/keytar\) could not be loaded/);
    expect((err as Error).message).toMatch(/npm rebuild keytar/);
    expect((err as Error).cause).toBeInstanceOf(Error);
    await expect(store.list()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

/** Salted patient refs over the real keychain (run through scripts/with-keyring.sh). */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPatientRef, SALT_ACCOUNT } from '../../../src-main/phi/patient-ref';
import { createKeychain } from '../../../src-main/secrets/keychain';
import type { SecretStore } from '../../../src-main/secrets/secret-store';

const RUN_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;
const services: string[] = [];

function keychain(name: string): SecretStore {
  const service = `vigil-test-ptref-${name}-${RUN_ID}`;
  services.push(service);
  return createKeychain({ service });
}

afterAll(async () => {
  for (const service of new Set(services)) {
    const s = createKeychain({ service });
    for (const account of await s.list()) await s.delete(account);
  }
});

describe('createPatientRef', () => {
  it('creates a 32-byte salt on first use and derives pt_<20 hex> refs from it', async () => {
    const secrets = keychain('first');
    expect(await secrets.get(SALT_ACCOUNT)).toBeNull();

    const ref = await createPatientRef(secrets);
    const salt = await secrets.get(SALT_ACCOUNT);
    expect(salt).toMatch(/^[0-9a-f]{64}$/);

    const expected = 'pt_' + createHmac('sha256', Buffer.from(salt ?? '', 'hex')).update('e63wRTbPfr1p8UW81d8Seiw3').digest('hex').slice(0, 20);
    expect(ref('e63wRTbPfr1p8UW81d8Seiw3')).toBe(expected);
    expect(ref('e63wRTbPfr1p8UW81d8Seiw3')).toMatch(/^pt_[0-9a-f]{20}$/);
  });

  it('is stable across calls and restarts, and tells patients apart', async () => {
    const name = 'stable';
    const ref = await createPatientRef(keychain(name));
    const a = ref('12345');
    expect(ref('12345')).toBe(a);
    expect(ref('12346')).not.toBe(a);
    expect(ref('ünïcødé-ïd')).not.toBe(a);

    // A restart: a fresh keychain object over the same service reuses the stored salt.
    const again = await createPatientRef(keychain(name));
    expect(again('12345')).toBe(a);
    expect(await keychain(name).list()).toEqual([SALT_ACCOUNT]);
  });

  it('gives different refs under different salts', async () => {
    const one = await createPatientRef(keychain('salt-one'));
    const two = await createPatientRef(keychain('salt-two'));
    expect(one('12345')).not.toBe(two('12345'));
  });

  it('refuses a malformed salt and leaves it in place', async () => {
    const secrets = keychain('damaged');
    await secrets.set(SALT_ACCOUNT, 'not-a-salt');
    await expect(createPatientRef(secrets)).rejects.toThrow(/phi-salt.*malformed/);
    expect(await secrets.get(SALT_ACCOUNT)).toBe('not-a-salt');
  });

  it('refuses an empty patient id', async () => {
    const ref = await createPatientRef(keychain('empty'));
    expect(() => ref('')).toThrow(TypeError);
  });
});

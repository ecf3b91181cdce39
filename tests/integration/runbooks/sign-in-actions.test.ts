/** failed_sign_ins on a real Vigil: wrong passwords at the sign-in, counted from the audit trail against the step's limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../src-shared/contract';
import { ADMIN, startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { runToEnd } from './run-to-end';

let vigil: TestVigil;
let admin: string;

beforeAll(async () => {
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
  for (let i = 0; i < 3; i++) expect((await vigil.call('session.login', { username: ADMIN.username, password: `wrong ${i}` })).ok).toBe(false);
}, 60_000);

afterAll(async () => {
  await vigil?.close();
});

async function runWithMax(max: number): Promise<RunDetail> {
  const id = `sign-ins-${max}`;
  await vigil.ok('runbooks.save', { yaml: `id: ${id}\nname: Sign-ins ${max}\nroles: [admin]\nsteps:\n  - id: count\n    name: Count\n    action: failed_sign_ins\n    with: { max: ${max} }\n`, baseVersion: null }, admin);
  return runToEnd(vigil, id, admin);
}

describe('failed_sign_ins', () => {
  it('passes at or below the limit', async () => {
    const done = await runWithMax(3);
    expect(done.result).toBe('SUCCESS');
    expect(done.steps[0]!.outputs).toEqual({ failed: 3 });
  });

  it('fails above the limit', async () => {
    const done = await runWithMax(2);
    expect(done.result).toBe('FAILED');
    expect(done.steps[0]!.message).toBe('3 failed passwords in the last 24 hours, above the limit of 2.');
  });
});

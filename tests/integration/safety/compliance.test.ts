/**
 * The compliance score from real conditions: a real Vigil, its real audit
 * chain walked by the real verifier, then tampered with in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { manualTimers } from './manual-timers';

let vigil: TestVigil;
let token: string;
const timers = manualTimers();

const part = async (id: string) => {
  const overview = await vigil.ok('safety.overview', {}, token);
  return { score: overview.compliance!.score, part: overview.compliance!.parts.find((p) => p.id === id)! };
};

beforeAll(async () => {
  vigil = await startTestVigil({ safety: { timers } });
  token = await vigil.userToken('sofia', 'safety_officer');
  await timers.verify();
});

afterAll(async () => {
  await vigil?.close();
});

describe('the HIPAA compliance score on a real Vigil', () => {
  it('holds audit completeness and PHI protection on a sound installation', async () => {
    timers.tick();
    const audit = await part('audit_completeness');
    expect(audit.part.value).toBe(1);
    expect(audit.part.evidence[0]).toMatchObject({ holds: true });
    const phi = await part('phi_protection');
    expect(phi.part.value).toBe(1);
    expect(phi.part.evidence.map((e) => e.fact).join(' ')).toContain('12 of 12 synthetic PHI samples redacted');
  });

  it('counts failed and forbidden attempts against access control', async () => {
    await vigil.call('session.login', { username: 'sofia', password: 'not her password' });
    // An audited channel her role may not use: the dispatcher records the refusal.
    const reply = await vigil.call('users.create', { username: 'eve', displayName: 'Eve', role: 'admin', password: 'a long enough password' }, token);
    expect(reply.ok).toBe(false);
    timers.tick();
    const access = await part('access_control');
    // One failed password and one forbidden call: 1 − 0.2.
    expect(access.part.value).toBeCloseTo(0.8, 10);
    expect(access.part.evidence.at(-1)).toMatchObject({ holds: false });
  });

  it('a tampered audit chain lowers the score', async () => {
    const before = (await part('audit_completeness')).score;
    vigil.store.db.exec('DROP TRIGGER audit_log_no_update');
    vigil.store.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
    await timers.verify();
    timers.tick();
    const after = await part('audit_completeness');
    expect(after.part.value).toBe(0);
    expect(after.part.evidence[0]!.fact).toContain('breaks at entry 2');
    expect(after.score).toBeCloseTo(before - 0.25, 10);
  });
});

/**
 * safety_indicators on a real Vigil: it reads the safety service's latest
 * evaluation, passes while none is critical, and fails naming the ones an
 * officer's stricter thresholds put at critical (the health check's and the
 * emergency response's step).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY_SETTINGS, INDICATOR_IDS, type RunDetail } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { runToEnd } from './run-to-end';
import { manualTimers } from '../safety/manual-timers';

let vigil: TestVigil;
let admin: string;
const timers = manualTimers();

beforeAll(async () => {
  // Evaluations only when the test ticks; the audit walk done, so compliance has a value.
  vigil = await startTestVigil({ safety: { timers } });
  admin = await vigil.adminToken();
  await timers.verify();
  await vigil.ok('runbooks.save', { yaml: `id: safety-check\nname: Safety check\nroles: [admin]\nsteps:\n  - id: check\n    name: Check\n    action: safety_indicators\n`, baseVersion: null }, admin);
}, 60_000);

afterAll(async () => {
  await vigil?.close();
});

/** Saves compliance thresholds (the one indicator with a value on a Vigil without connections) and runs the check. */
async function withCompliance(warning: number, critical: number, expectedVersion: number): Promise<RunDetail> {
  const settings = structuredClone(DEFAULT_SAFETY_SETTINGS);
  settings.indicators.compliance_status = { ...settings.indicators.compliance_status, warning, critical };
  await vigil.ok('safety.settings.save', { expectedVersion, settings }, admin);
  // The step reads the latest evaluation, as the screen does.
  timers.tick();
  return runToEnd(vigil, 'safety-check', admin);
}


describe('safety_indicators', () => {
  it('reads every indicator and passes while none is critical', async () => {
    const done = await withCompliance(0.5, 0.4, 1);
    expect(done.result).toBe('SUCCESS');
    expect(done.steps[0]!.lines.map((l) => l.text)).toHaveLength(INDICATOR_IDS.length + 1);
    expect(done.steps[0]!.outputs).toMatchObject({ critical: [] });
    expect(done.steps[0]!.lines.map((l) => l.text)).toContain('HIPAA compliance: 0.800 (Safe)');
  });

  it('fails naming the indicators at critical', async () => {
    const done = await withCompliance(1, 1, 2);
    expect(done.result).toBe('FAILED');
    expect(done.steps[0]!.message).toMatch(/HIPAA compliance/);
    expect(done.steps[0]!.outputs).toMatchObject({ critical: ['compliance_status'] });
  });
});

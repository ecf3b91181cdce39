/**
 * The report actions on a real Vigil: the safety service's monthly
 * clinical validation report and the KPI service's report saved as CSV into
 * the data folder's exports, their paths and headline figures as the
 * steps' outputs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { runToEnd } from './run-to-end';

let vigil: TestVigil;
let admin: string;

beforeAll(async () => {
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
}, 60_000);

afterAll(async () => {
  await vigil?.close();
});

async function saveAndRun(yaml: string, id: string): Promise<RunDetail> {
  await vigil.ok('runbooks.save', { yaml, baseVersion: null }, admin);
  return runToEnd(vigil, id, admin);
}

describe('safety_report', () => {
  it("saves the month's clinical validation report as CSV and outputs its path and figures", async () => {
    const done = await saveAndRun(`id: safety-csv\nname: Safety CSV\nroles: [admin]\nsteps:\n  - id: report\n    name: Report\n    action: safety_report\n    with: { month: "2026-11" }\n`, 'safety-csv');
    expect(done.result).toBe('SUCCESS');
    const outputs = done.steps[0]!.outputs as { file: string; month: string; incidents: number; criticalIncidents: number };
    expect(outputs).toMatchObject({ month: '2026-11', incidents: 0, criticalIncidents: 0 });
    expect(dirname(outputs.file)).toBe(join(vigil.dataDir, 'exports'));
    expect(outputs.file).toMatch(/vigil-clinical-validation-2026-11-[0-9TZ-]+\.csv$/);
    expect(existsSync(outputs.file)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(outputs.file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(outputs.file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('section,item,mean,min,minutes_at_warning_or_worse,minutes_at_critical,count');
    expect(lines).toContain('incidents,total,,,,,0');
  });
});

describe('a month that is not one', () => {
  it('is refused alike by the safety_report step and the Safety screen’s report channel', async () => {
    const saved = await vigil.call('runbooks.save', { yaml: `id: bad-month\nname: Bad month\nroles: [admin]\nsteps:\n  - id: report\n    name: Report\n    action: safety_report\n    with: { month: "2026-13" }\n`, baseVersion: null }, admin);
    expect(saved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(saved)).toContain('A month as YYYY-MM, such as 2026-01');
    const report = await vigil.call('safety.report', { label: '2026-13', from: Date.UTC(2026, 11, 1), to: Date.UTC(2026, 11, 31) }, admin);
    expect(report).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(report)).toContain('A month as YYYY-MM, such as 2026-01');
  });
});

describe('kpi_report', () => {
  it('saves the KPI report for a range as CSV and outputs its path and figures', async () => {
    await vigil.ok('tickets.create', { title: 'Printer jam', description: 'Ward 3 printer', priority: 'low', category: 'technical' }, admin);
    const done = await saveAndRun(`id: kpi-csv\nname: KPI CSV\nroles: [admin]\nsteps:\n  - id: report\n    name: Report\n    action: kpi_report\n    with: { range: { preset: "7d" } }\n`, 'kpi-csv');
    expect(done.result).toBe('SUCCESS');
    const outputs = done.steps[0]!.outputs as { file: string; tickets: number | null; from: number; to: number };
    expect(outputs.tickets).toBe(1);
    expect(outputs.to).toBeGreaterThan(outputs.from);
    expect(dirname(outputs.file)).toBe(join(vigil.dataDir, 'exports'));
    expect(outputs.file).toMatch(/vigil-kpis-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-[0-9TZ-]+\.csv$/);
    expect(existsSync(outputs.file)).toBe(true);
    const lines = readFileSync(outputs.file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('kpi,label,value,previous,target,met,basis');
    expect(lines.find((l) => l.startsWith('volume,'))).toMatch(/^volume,[^,]+,1,/);
  });
});

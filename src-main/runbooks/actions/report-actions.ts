/** Reports other services build, saved as CSV into the data folder's exports for tools outside Vigil. */
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { action } from './action';
import type { ActionDeps } from './deps';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month in the workstation's zone, as the Safety screen cuts it. */
function monthBounds(label: string): { label: string; from: number; to: number } {
  const [, y, m] = MONTH.exec(label)!;
  return { label, from: new Date(Number(y), Number(m) - 1, 1).getTime(), to: new Date(Number(y), Number(m), 1).getTime() };
}

function currentMonth(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Plaintext for other tools, so readable by this account only: the folder
 * 0700, the file 0600 and never written over. The time in the name keeps
 * two runs for one month apart (':' is not allowed in Windows file names).
 */
async function saveCsv(dataDir: string, base: string, now: number, csv: string): Promise<string> {
  const dir = join(dataDir, 'exports');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && ((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, 0o700);
  const file = join(dir, `${base}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.csv`);
  await writeFile(file, csv, { mode: 0o600, flag: 'wx' });
  return file;
}

export function reportActions(deps: ActionDeps) {
  return [
    action({
      name: 'safety_report',
      summary: "Save a month's clinical validation report as CSV into the data folder",
      inputs: z.object({ month: z.string().regex(MONTH, 'a month such as 2026-01').optional() }).strict(),
      describe: (i) => `Save the clinical validation report for ${i.month ?? 'this month'} as CSV into the data folder’s exports.`,
      defaultTimeoutMs: 5 * 60_000,
      run: async ({ inputs, log }) => {
        const now = deps.clock.now();
        const month = monthBounds(inputs.month ?? currentMonth(now));
        const { report, csv } = deps.safety.monthlyReport(month);
        const file = await saveCsv(deps.dataDir, `vigil-clinical-validation-${month.label}`, now, csv);
        const overall = report.indicators.find((i) => i.key === 'overall')?.mean ?? null;
        log(`Saved ${file}`);
        log(`${report.incidents.total} incidents (${report.incidents.critical} critical, ${report.incidents.unsigned} awaiting sign-off); ${report.recommendations.length} recommendations`);
        return {
          file,
          month: month.label,
          overallScore: overall,
          incidents: report.incidents.total,
          criticalIncidents: report.incidents.critical,
          unsignedIncidents: report.incidents.unsigned,
          recommendations: report.recommendations.length,
        };
      },
    }),
  ];
}

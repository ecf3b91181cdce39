/** The workstation, the store and the audit trail: resources, quick check, optimise, encrypted backups, chain verify, history pruning. */
import { readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { action, StepFailure } from './action';
import type { ActionDeps } from './deps';

const percent = z.number().min(1).max(100);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-01-31');
const BACKUP_NAME = /^vigil-\d{8}T\d{9}-\d{2}\.db$/;

/** vigil-20260105T020000123-00.db: sorts by time as text, the counter telling apart two in one millisecond. */
function backupName(at: number, n: number): string {
  return `vigil-${new Date(at).toISOString().replace(/[-:.]/g, '').slice(0, 18)}-${String(n).padStart(2, '0')}.db`;
}

export function machineActions(deps: ActionDeps) {
  return [
    action({
      name: 'workstation_resources',
      summary: 'Check CPU, memory and disk of this workstation against limits',
      inputs: z.object({ cpu: percent.default(80), memory: percent.default(85), disk: percent.default(80) }).strict(),
      describe: (i) => `Measure CPU, memory and disk; fail above ${i.cpu} / ${i.memory} / ${i.disk} %.`,
      defaultTimeoutMs: 30_000,
      run: async ({ inputs, signal, log }) => {
        const r = await deps.monitor.checkWorkstation(signal);
        const readings = { cpu: r.cpuPercent, memory: r.memoryPercent, disk: r.diskPercent };
        const over = (Object.entries(readings) as Array<[keyof typeof readings, number | null]>).filter(([k, v]) => v !== null && v > inputs[k]);
        for (const [k, v] of Object.entries(readings)) log(`${k}: ${v === null ? 'not reported' : `${v.toFixed(1)} %`} (limit ${inputs[k as keyof typeof readings]} %)`);
        const outputs = { ...readings, over: over.map(([k]) => k) };
        if (over.length > 0) throw new StepFailure(`Above the limit: ${over.map(([k, v]) => `${k} ${v!.toFixed(1)} %`).join(', ')}.`, outputs);
        return outputs;
      },
    }),
    action({
      name: 'store_quick_check',
      summary: "Check the database's integrity (quick check)",
      inputs: z.object({}).strict(),
      describe: () => 'Run SQLite’s quick_check on the encrypted database.',
      defaultTimeoutMs: 5 * 60_000,
      run: async ({ log }) => {
        const rows = deps.db.pragma('quick_check') as Array<{ quick_check: string }>;
        const found = rows.map((r) => r.quick_check);
        for (const line of found.slice(0, 20)) log(line);
        if (found.length !== 1 || found[0] !== 'ok') throw new StepFailure(`The database is damaged: ${found[0] ?? 'no answer'}.`, { problems: found.length });
        return { ok: true };
      },
    }),
    action({
      name: 'optimise_store',
      summary: 'Update the query planner’s statistics (ANALYZE) and give free pages back (incremental vacuum)',
      inputs: z.object({}).strict(),
      describe: () => 'Run ANALYZE and an incremental vacuum on the database.',
      defaultTimeoutMs: 10 * 60_000,
      run: async ({ log }) => {
        const before = deps.db.pragma('freelist_count', { simple: true }) as number;
        deps.db.exec('ANALYZE');
        deps.db.pragma('incremental_vacuum');
        const after = deps.db.pragma('freelist_count', { simple: true }) as number;
        log(`ANALYZE done; free pages ${before} → ${after}`);
        return { freedPages: Math.max(0, before - after) };
      },
    }),
    action({
      name: 'backup_store',
      summary: 'Write an encrypted backup of the database and keep the newest N',
      inputs: z.object({ keep: z.number().int().min(1).max(365).default(7), folder: z.string().min(1).max(1_000).optional() }).strict(),
      describe: (i) => `Write an encrypted backup to ${i.folder ?? 'the data folder’s backups'} and keep the newest ${i.keep}.`,
      defaultTimeoutMs: 30 * 60_000,
      run: async ({ inputs, log }) => {
        const folder = inputs.folder ?? join(deps.dataDir, 'backups');
        await mkdir(folder, { recursive: true, mode: 0o700 });
        const existing = new Set(readdirSync(folder));
        const at = deps.clock.now();
        let n = 0;
        while (existing.has(backupName(at, n))) n += 1;
        const name = backupName(at, n);
        const file = join(folder, name);
        await deps.store.backup(file);
        log(`Wrote ${file}`);
        const backups = readdirSync(folder).filter((f) => BACKUP_NAME.test(f)).sort();
        const removed = backups.slice(0, Math.max(0, backups.length - inputs.keep));
        for (const old of removed) {
          rmSync(join(folder, old));
          log(`Removed the older backup ${old}`);
        }
        return { file, kept: backups.length - removed.length, removed: removed.length };
      },
    }),
    action({
      name: 'verify_audit_chain',
      summary: 'Walk the audit trail’s hash chain',
      inputs: z.object({}).strict(),
      describe: () => 'Verify every entry of the audit trail against its hash chain.',
      defaultTimeoutMs: 30 * 60_000,
      run: async ({ log }) => {
        const r = await deps.verifyAudit();
        log(r.ok ? `${r.checked} entries verified` : `Broken at entry ${r.firstBadSeq}: ${r.reason}`);
        if (!r.ok) throw new StepFailure(`The audit trail does not verify at entry ${r.firstBadSeq}: ${r.reason}.`, { checked: r.checked, firstBadSeq: r.firstBadSeq });
        return { checked: r.checked };
      },
    }),
    action({
      name: 'export_audit',
      summary: 'Export the audit trail for a date range (UTC days) as JSON Lines into the data folder',
      inputs: z.object({ from: day, to: day }).strict(),
      describe: (i) => `Export the audit trail from ${i.from} to ${i.to} (whole UTC days) into the data folder’s exports.`,
      defaultTimeoutMs: 30 * 60_000,
      run: async ({ inputs, log }) => {
        const from = Date.parse(`${inputs.from}T00:00:00Z`);
        const to = Date.parse(`${inputs.to}T00:00:00Z`) + 86_400_000;
        if (!(to > from)) throw new StepFailure(`The range ends (${inputs.to}) before it starts (${inputs.from}).`);
        const saved = await deps.exportAudit({ from, to });
        log(`${saved.entries} entries saved to ${saved.savedTo} (sha256 ${saved.sha256})`);
        return saved;
      },
    }),
    action({
      name: 'failed_sign_ins',
      summary: 'Count failed passwords in the last 24 hours (from the audit trail) against a limit',
      inputs: z.object({ max: z.number().int().min(0).max(100_000).default(10) }).strict(),
      describe: (i) => `Count failed passwords of the last 24 hours; fail above ${i.max}.`,
      defaultTimeoutMs: 60_000,
      run: async ({ inputs, log }) => {
        const { failedPasswords } = deps.auditTally(deps.clock.now() - 86_400_000);
        log(`${failedPasswords} failed passwords in the last 24 hours (limit ${inputs.max})`);
        if (failedPasswords > inputs.max) throw new StepFailure(`${failedPasswords} failed passwords in the last 24 hours, above the limit of ${inputs.max}.`, { failed: failedPasswords });
        return { failed: failedPasswords };
      },
    }),
    action({
      name: 'prune_history',
      summary: 'Delete run history older than the retention',
      inputs: z.object({}).strict(),
      describe: () => 'Delete runbook runs that ended before the retention period.',
      defaultTimeoutMs: 5 * 60_000,
      run: async ({ log }) => {
        const pruned = deps.pruneRuns();
        log(`${pruned} old runs deleted`);
        return { pruned };
      },
    }),
  ];
}

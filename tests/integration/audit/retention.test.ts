/**
 * Audit exports are plaintext, so Vigil keeps them private and not for long:
 * files older than the retention setting (30 days unless an admin changes
 * it) are deleted at start and once a day, and only Vigil's own export files.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuditModule, type AuditApi } from '../../../src-main/audit';
import { LOCAL_SOURCE, type HandlerContext } from '../../../src-main/dispatch/handler';
import { EventBus } from '../../../src-main/events';
import { exportFileName } from '../../../src-main/exports';
import { createLogger } from '../../../src-main/log';
import type { ServiceModule } from '../../../src-main/service-module';
import { auditExportNotice, CHANNELS } from '../../../src-shared/contract';
import { secrets } from './audit-db';
import { auditFixture, type AuditFixture } from './fixture';

const DAY = 86_400_000;
let f: AuditFixture;
let exportDir: string;
const started: ServiceModule<AuditApi>[] = [];

beforeEach(async () => {
  f = await auditFixture();
  exportDir = join(f.dir, 'exports');
  mkdirSync(exportDir);
  // As a folder made by hand, or by an older Vigil, may be.
  chmodSync(exportDir, 0o755);
});
afterEach(async () => {
  vi.useRealTimers();
  for (const module of started.splice(0)) await module.close();
  await f.close();
});

/** A file in the exports folder last written `ageDays` days before the test's clock. */
function fileAged(name: string, ageDays: number): string {
  const path = join(exportDir, name);
  writeFileSync(path, '{}\n', { mode: 0o600 });
  const at = new Date(f.clock.now() - ageDays * DAY);
  utimesSync(path, at, at);
  return name;
}

const exportName = (n: number) => `vigil-audit-2026-01-0${n}T00-00-00-000Z.jsonl`;

async function start(): Promise<ServiceModule<AuditApi>> {
  const module = await createAuditModule({ store: f.store, secrets, clock: f.clock, log: createLogger({ sink: () => {} }), events: new EventBus(), dataDir: f.dir });
  started.push(module);
  return module;
}

function handler<C extends keyof typeof CHANNELS>(module: ServiceModule<AuditApi>, channel: C) {
  return module.handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
}

const ctx = (): HandlerContext => ({ caller: null, display: null, source: LOCAL_SOURCE, audit: () => {} });

describe('audit export retention', () => {
  it('deletes exports older than 30 days at start (the runbooks’ CSV reports too), keeps newer ones and files that are not exports, and records it', async () => {
    const old = fileAged(exportName(1), 31);
    const oldReport = fileAged(exportFileName('clinical-validation-2025-11', f.clock.now() - 40 * DAY, 'csv'), 31);
    const recent = fileAged(exportName(2), 29);
    const recentReport = fileAged(exportFileName('kpis-2026-01-01-to-2026-01-07', f.clock.now(), 'csv'), 1);
    const foreign = fileAged('notes.jsonl', 90);
    const foreignCsv = fileAged('vigil-budget.csv', 90);
    await start();
    expect(readdirSync(exportDir).sort()).toEqual([recent, recentReport, foreign, foreignCsv].sort());
    expect(existsSync(join(exportDir, old))).toBe(false);
    expect(existsSync(join(exportDir, oldReport))).toBe(false);
    const { entries } = f.audit.list({ limit: 5, action: 'audit.exportsRemoved' });
    expect(entries).toMatchObject([{ actor: 'vigil', detail: { removed: 2, retentionDays: 30 } }]);
  });

  it('deletes them again once a day while Vigil runs', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await start();
    const ageing = fileAged(exportName(3), 29);
    f.clock.advance(2 * DAY);
    expect(existsSync(join(exportDir, ageing))).toBe(true);
    await vi.advanceTimersByTimeAsync(DAY);
    // The sweep's file operations are real I/O, finished a moment after the timer fired.
    await vi.waitFor(() => expect(existsSync(join(exportDir, ageing))).toBe(false));
  });

  it('takes its retention from the setting an admin changes, and says so with every export and in the status', async () => {
    const module = await start();
    const week = fileAged(exportName(4), 8);
    const changed = await handler(module, 'audit.setExportRetention')({ days: 7 }, ctx());
    expect(CHANNELS['audit.setExportRetention'].output.parse(changed)).toEqual({ exportRetentionDays: 7, removed: 1 });
    expect(existsSync(join(exportDir, week))).toBe(false);

    const status = CHANNELS['audit.status'].output.parse(await handler(module, 'audit.status')({}, ctx()));
    expect(status).toMatchObject({ exportRetentionDays: 7, exportNotice: auditExportNotice(7) });
    const out = CHANNELS['audit.export'].output.parse(await handler(module, 'audit.export')({}, ctx()));
    expect(statSync(out.savedTo).mode & 0o777).toBe(0o600);
    expect(statSync(exportDir).mode & 0o777).toBe(0o700);
    expect(out.notice).toBe(auditExportNotice(7));
    expect(out.notice).toMatch(/plain, unencrypted JSON Lines/);
    expect(out.notice).toMatch(/after 7 days/);

    // The setting is in the database: a restart keeps it.
    await module.close();
    started.splice(started.indexOf(module), 1);
    const again = await start();
    expect(await handler(again, 'audit.status')({}, ctx())).toMatchObject({ exportRetentionDays: 7 });
  });
});

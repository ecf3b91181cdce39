/**
 * Raw results are written in batches: when batchRows are waiting, when the
 * oldest has waited batchDelayMs, and on close. A crash loses at most what
 * was still buffered: fewer than batchRows results, or batchDelayMs of them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../src-main/monitor/storage/time';
import { openStore } from '../../../src-main/store/store';
import { REPO_ROOT } from '../store/fixtures';
import { useStorageFixtures } from './fixture';
import { passed, probeFailed } from './outcomes';

const fixtures = useStorageFixtures();
const SECOND = 1_000;

const final = (targetId: string, latencyMs: number) => ({ targetId, outcome: passed(latencyMs), final: true });

describe('batched writes', () => {
  it('write as soon as batchRows results are waiting', async () => {
    const f = await fixtures.open();
    const storage = f.storage({ batchRows: 10, batchDelayMs: HOUR_MS });
    for (let i = 0; i < 9; i++) {
      storage.record(final('epic', 100 + i));
      await f.timers.advance(SECOND);
    }
    expect(f.count('monitor_results')).toBe(0);
    // Buffered results already show among the recent ones.
    expect(storage.recent('epic', 3).map((r) => r.latencyMs)).toEqual([108, 107, 106]);
    storage.record(final('epic', 109));
    expect(f.count('monitor_results')).toBe(10);
    expect(storage.recent('epic', 3).map((r) => r.latencyMs)).toEqual([109, 108, 107]);
  });

  it('write once the oldest buffered result has waited batchDelayMs', async () => {
    const f = await fixtures.open();
    const storage = f.storage({ batchRows: 1_000, batchDelayMs: 5 * SECOND });
    for (let i = 0; i < 3; i++) {
      storage.record(final('epic', 100 + i));
      await f.timers.advance(SECOND);
    }
    await f.timers.advance(2 * SECOND - 1);
    expect(f.count('monitor_results')).toBe(0);
    await f.timers.advance(1);
    expect(f.count('monitor_results')).toBe(3);
  });

  it('write everything on close, and take nothing after it', async () => {
    const f = await fixtures.open();
    const storage = f.storage({ batchRows: 1_000, batchDelayMs: HOUR_MS });
    for (let i = 0; i < 5; i++) {
      storage.record(final(`conn-${i}`, 100 + i));
      await f.timers.advance(SECOND);
    }
    storage.close();
    expect(f.count('monitor_results')).toBe(5);
    expect(() => storage.record(final('epic', 1))).toThrow(/closed/);
  });

  it('keep only final runs, and only what the schema has room for', async () => {
    const f = await fixtures.open();
    const storage = f.storage();
    storage.record({ targetId: 'epic', outcome: probeFailed('token', 900), final: false });
    await f.timers.advance(SECOND);
    storage.record({ targetId: 'epic', outcome: probeFailed('token', 950), final: true });
    storage.flush();
    const rows = f.store.db.prepare('SELECT * FROM monitor_results').all();
    expect(rows).toEqual([{ at: f.timers.now(), target: 1, status: 0, latency_ms: 950, failed_probe: 'token', error_kind: null }]);
  });
});

describe('a crash', () => {
  const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

  function crashAfter(dataDir: string, results: number, batchRows: number): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, fixtures.service, String(results), String(batchRows)], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => (signal === null && code !== 0 ? reject(new Error(`child exited with ${code}: ${stderr}`)) : resolve({ signal, stdout })));
    });
  }

  it('loses at most the results still buffered: here the 50 after the last full batch of 100', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vigil-monitor-crash-'));
    try {
      const { signal, stdout } = await crashAfter(dataDir, 250, 100);
      expect(signal).toBe('SIGKILL');
      expect(stdout).toBe('recorded 250\n');
      const store = await openStore({ dataDir, secrets: fixtures.secrets });
      try {
        const latencies = store.db.prepare('SELECT latency_ms FROM monitor_results ORDER BY at').pluck().all();
        expect(latencies).toEqual(Array.from({ length: 200 }, (_, i) => 100 + i));
      } finally {
        store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

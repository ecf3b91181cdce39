import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { openStore } from '../../../src-main/store/store';
import { REPO_ROOT, TEST_MIGRATIONS, layout, tempDir, useTestKeychain } from './fixtures';

const keychain = useTestKeychain();

const CHILD = fileURLToPath(new URL('./durability-child.ts', import.meta.url));
const KILL_AFTER = 300;
const MAX_ROWS = 50_000;
const MAX_SECONDS = 60;

/** Runs the child, SIGKILLs it once KILL_AFTER commits are reported, and returns every id it reported. */
function insertUntilKilled(dataDir: string): Promise<{ reported: number[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, keychain.service, String(MAX_ROWS), String(MAX_SECONDS)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: number[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (match) reported.push(Number(match[1]));
      }
      if (reported.length >= KILL_AFTER && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve({ reported, signal });
    });
  });
}

it('keeps every commit the killed process reported, with integrity intact', async () => {
  const dataDir = tempDir();
  const { reported, signal } = await insertUntilKilled(dataDir);
  expect(signal).toBe('SIGKILL');
  expect(reported.length).toBeGreaterThanOrEqual(KILL_AFTER);
  // Killed, not closed: the last commits are still only in the -wal.
  expect(statSync(layout(dataDir).wal).size).toBeGreaterThan(0);

  const store = await openStore({ dataDir, secrets: keychain.secrets, migrations: TEST_MIGRATIONS });
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  const ids = new Set(store.db.prepare('SELECT id FROM notes').pluck().all() as number[]);
  const lost = reported.filter((id) => !ids.has(id));
  expect(lost).toEqual([]);
  store.close();
});

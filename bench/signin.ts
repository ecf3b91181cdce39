/**
 * Why sign-in hashes run two at a time (src-main/users/passwords.ts): a burst
 * of scrypt hashes (Vigil's parameters) with at most 1, 2 or 4 at once, 4
 * being libuv's whole thread pool, i.e. no cap. For each it prints the hashes
 * per second, and how long a small file read and a DNS lookup of localhost
 * (both on the same pool, as the monitor's probes and the store's file work
 * are) waited meanwhile: p50, p99 and max in milliseconds.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCRYPT_PARAMS } from '../src-main/users/passwords';
import { Slots } from '../src-main/users/slots';
import type { BenchResult, BenchSuite } from './result';

const CAPS = [1, 2, 4];

function hash(): Promise<void> {
  return new Promise((resolve, reject) =>
    scrypt('a password of twelve', randomBytes(16), 32, { ...SCRYPT_PARAMS, maxmem: 128 * 1024 * 1024 }, (err) => (err ? reject(err) : resolve())),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Times `probe` back to back until `done` settles. */
async function sample(probe: () => Promise<unknown>, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.then(() => (finished = true));
  const waits: number[] = [];
  while (!finished) {
    const start = performance.now();
    await probe();
    waits.push(performance.now() - start);
  }
  return waits.sort((a, b) => a - b);
}

export const run: BenchSuite = async ({ quick }) => {
  const burst = quick ? 16 : 64;
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-signin-'));
  const file = path.join(dir, 'probe.json');
  writeFileSync(file, JSON.stringify({ ok: true }));
  const results: BenchResult[] = [];
  try {
    await hash(); // warm up
    for (const cap of CAPS) {
      const slots = new Slots(cap);
      const start = performance.now();
      const flood = Promise.all(Array.from({ length: burst }, () => slots.run(hash, { urgent: false })));
      const [files, dns] = await Promise.all([sample(() => readFile(file), flood), sample(() => lookup('localhost'), flood), flood]);
      const seconds = (performance.now() - start) / 1000;
      results.push(
        { name: `cap${cap}.hashes_per_s`, value: Math.round((burst / seconds) * 10) / 10, unit: 'hash/s' },
        { name: `cap${cap}.file_read_p50`, value: Math.round(percentile(files, 0.5) * 10) / 10, unit: 'ms' },
        { name: `cap${cap}.file_read_p99`, value: Math.round(percentile(files, 0.99) * 10) / 10, unit: 'ms' },
        { name: `cap${cap}.file_read_max`, value: Math.round(percentile(files, 1) * 10) / 10, unit: 'ms' },
        { name: `cap${cap}.dns_lookup_p50`, value: Math.round(percentile(dns, 0.5) * 10) / 10, unit: 'ms' },
        { name: `cap${cap}.dns_lookup_p99`, value: Math.round(percentile(dns, 0.99) * 10) / 10, unit: 'ms' },
        { name: `cap${cap}.dns_lookup_max`, value: Math.round(percentile(dns, 1) * 10) / 10, unit: 'ms' },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
};

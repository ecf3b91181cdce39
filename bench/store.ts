/**
 * What encryption costs on the write path: ticket-shaped rows inserted in
 * batched transactions, through openStore (SQLCipher via
 * SQLite3MultipleCiphers, WAL, synchronous=FULL, checkpoints in a worker
 * thread once the WAL has grown) and through plain better-sqlite3 with the
 * same schema, pragmas and checkpointing, in the same run.
 * The target is encrypted/plain >= 0.60 (wall); it is reported, never asserted.
 * better-sqlite3-multiple-ciphers 12.11.1 compiles SQLite3MultipleCiphers with
 * SQLITE3MC_OMIT_AES_HARDWARE_SUPPORT, so AES runs in software: that, with
 * the per-page HMAC-SHA512, is most of what the CPU figures show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PlainDatabase from 'better-sqlite3';
import { BackgroundCheckpoint } from '../src-main/store/background-checkpoint';
import { PAGE_SIZE } from '../src-main/store/create';
import type { Migration } from '../src-main/store/migrations';
import { startWorker } from '../src-main/worker-thread';
import type { BenchResult, BenchSuite } from './result';
import { withTempStore } from './temp-store';

const BATCH = 1000;
const ROUNDS = 3;

const TICKETS: Migration = {
  version: 1,
  name: 'bench tickets',
  sql: `CREATE TABLE tickets (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    priority   TEXT NOT NULL,
    category   TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sla_due_at INTEGER NOT NULL,
    assignee   TEXT,
    body       TEXT NOT NULL
  )`,
};

type Ticket = [number, string, string, string, string, number, number, string | null, string];

const PRIORITIES = ['Emergency', 'Critical', 'High', 'Medium', 'Low'];
const RESOLVE_MINUTES = [30, 120, 480, 1440, 4320];
const CATEGORIES = ['technical', 'clinical', 'compliance & security', 'training', 'integration'];
const STATUSES = ['open', 'in_progress', 'escalated', 'resolved', 'closed'];
const ASSIGNEES = ['a.okafor', 'j.lindqvist', 'm.chen', 'r.alvarez', null];
const WORDS = ['interface', 'HL7', 'FHIR', 'timeout', 'Epic', 'order', 'results', 'queue', 'token', 'refresh', 'failed', 'retry', 'clinic', 'pharmacy', 'downtime', 'certificate'];

/** Deterministic rows, built before the clock starts, identical for both databases. */
function tickets(count: number): Ticket[] {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const start = Date.UTC(2026, 0, 1);
  const rows: Ticket[] = [];
  for (let id = 1; id <= count; id++) {
    const p = next(PRIORITIES.length);
    let body = `Ticket ${id}:`;
    while (body.length < 200) body += ` ${WORDS[next(WORDS.length)]}`;
    const createdAt = start + id * 37_000;
    rows.push([
      id,
      `${WORDS[next(WORDS.length)]} ${WORDS[next(WORDS.length)]} at site ${next(40)}`,
      PRIORITIES[p]!,
      CATEGORIES[next(CATEGORIES.length)]!,
      STATUSES[next(STATUSES.length)]!,
      createdAt,
      createdAt + RESOLVE_MINUTES[p]! * 60_000,
      ASSIGNEES[next(ASSIGNEES.length)]!,
      body.slice(0, 200),
    ]);
  }
  return rows;
}

const INSERT = 'INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

interface Rates {
  /** Rows per second of wall-clock time: what a user waits for, fsyncs included. */
  wall: number;
  /**
   * Rows per second of this process's CPU time, every thread's (the
   * checkpoint worker's too): the cost of encrypting, unaffected by
   * whatever else is running on a shared machine.
   */
  cpu: number;
}

/**
 * Inserts every row, BATCH rows per transaction, letting the event loop run
 * between transactions as the app does between the writes it serves (that
 * is when the store sees its WAL grow and starts its checkpoint worker).
 */
async function insertRates(insertBatch: (batch: Ticket[]) => void, rows: Ticket[]): Promise<Rates> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    insertBatch(rows.slice(i, i + BATCH));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: rows.length / seconds, cpu: rows.length / ((cpu.user + cpu.system) / 1e6) };
}

function encryptedRates(rows: Ticket[]): Promise<Rates> {
  return withTempStore({ name: 'store', migrations: [TICKETS] }, (store) => {
    const insert = store.db.prepare(INSERT);
    return insertRates(store.db.transaction((batch: Ticket[]) => batch.forEach((row) => insert.run(...row))), rows);
  });
}

const PLAIN_CHECKPOINT = new URL('./plain-checkpoint-worker.ts', import.meta.url);

async function plainRates(rows: Ticket[]): Promise<Rates> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-plain-'));
  try {
    const file = path.join(dir, 'plain.db');
    const db = new PlainDatabase(file);
    const checkpoint = new BackgroundCheckpoint(db, `${file}-wal`, (control) => startWorker(PLAIN_CHECKPOINT, { file, control }));
    try {
      // The store's own settings, so that encryption is the only difference.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.exec(TICKETS.sql);
      const insert = db.prepare(INSERT);
      return await insertRates(db.transaction((batch: Ticket[]) => batch.forEach((row) => insert.run(...row))), rows);
    } finally {
      checkpoint.close();
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function best(a: Rates, b: Rates): Rates {
  return { wall: Math.max(a.wall, b.wall), cpu: Math.max(a.cpu, b.cpu) };
}

function compared(name: string, unit: string, value: number, baseline: number): BenchResult {
  return { name, value: Math.round(value), unit, baseline: Math.round(baseline), ratio: Number((value / baseline).toFixed(3)) };
}

export const run: BenchSuite = async ({ quick }) => {
  const rows = tickets(quick ? 20_000 : 200_000);
  let plain: Rates = { wall: 0, cpu: 0 };
  let encrypted: Rates = { wall: 0, cpu: 0 };
  // Alternating rounds, best of each, so neither side gains from going second (warm caches, CPU boost).
  for (let round = 0; round < ROUNDS; round++) {
    plain = best(plain, await plainRates(rows));
    encrypted = best(encrypted, await encryptedRates(rows));
  }
  return [
    { name: 'insert.plain', value: Math.round(plain.wall), unit: 'rows/s' },
    compared('insert.encrypted', 'rows/s', encrypted.wall, plain.wall),
    { name: 'insert.plain.cpu', value: Math.round(plain.cpu), unit: 'rows/cpu-s' },
    compared('insert.encrypted.cpu', 'rows/cpu-s', encrypted.cpu, plain.cpu),
  ];
};

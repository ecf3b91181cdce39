/**
 * A throwaway PostgreSQL cluster for tests and benches: initdb into a temp
 * folder, the server on a free port on 127.0.0.1 only (its unix socket in
 * the same folder), one database, the superuser and an application role
 * with a password. Debian's server binaries are not on PATH on a fresh
 * machine, so they are looked up under /usr/lib/postgresql/<major>/bin.
 * initdb refuses to run as root: when the tests run as root the server
 * runs as the `postgres` system user, in a folder it owns.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly database: string;
  readonly superuser: { user: string; password: string };
  /** The login Vigil connects as: a member of vigil_workstation, which the shared schema's migrations grant to. */
  readonly app: { user: string; password: string };
  /** A connection to the database as the superuser or the app login (the caller ends it). */
  connect(as?: 'superuser' | 'app'): Promise<pg.Client>;
  /** Stops the server, keeping its data (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes everything it made. */
  destroy(): Promise<void>;
}

const WAIT_S = 30;
const STEP_TIMEOUT_MS = 60_000;

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = majors.map((m) => join(root, m, 'bin')).find((d) => existsSync(join(d, 'initdb')));
  if (!found) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt install postgresql)');
  return found;
}

/** The uid/gid the server runs as: the postgres system user when we are root. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root needs the postgres system user (apt install postgresql creates it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(file: string, args: string[], user: { uid: number; gid: number } | null): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: STEP_TIMEOUT_MS, ...(user ?? {}), env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = binDir();
  const user = runAs();
  // The postgres user must be able to enter the folder's parent: TMPDIR may point into root's home.
  const dir = mkdtempSync(join(user ? '/tmp' : tmpdir(), 'vigil-pg-'));
  const data = join(dir, 'data');
  const superuser = { user: 'vigil_super', password: 'super-secret-pw' };
  const app = { user: 'vigil_app', password: 'app-secret-pw' };
  const database = 'vigil_team';
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, superuser.password, { mode: 0o600 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  const port = await freePort();
  const pgCtl = join(bin, 'pg_ctl');
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c max_connections=60`;
  let running = false;

  const cluster: PgCluster = {
    host: '127.0.0.1',
    port,
    database,
    superuser,
    app,
    async connect(as = 'superuser') {
      const who = as === 'app' ? app : superuser;
      const client = new pg.Client({ host: '127.0.0.1', port, database, user: who.user, password: who.password, connectionTimeoutMillis: 10_000 });
      await client.connect();
      return client;
    },
    async start() {
      await run(pgCtl, ['start', '-w', '-t', String(WAIT_S), '-D', data, '-l', join(dir, 'server.log'), '-o', options], user);
      running = true;
    },
    async stop() {
      if (!running) return;
      await run(pgCtl, ['stop', '-w', '-t', String(WAIT_S), '-m', 'fast', '-D', data], user);
      running = false;
    },
    async destroy() {
      try {
        await cluster.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };

  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', superuser.user, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync'], user);
    await cluster.start();
    const admin = new pg.Client({ host: '127.0.0.1', port, database: 'postgres', user: superuser.user, password: superuser.password });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
      // The group the shared schema grants to (README, Team mode), and one workstation login in it.
      await admin.query('CREATE ROLE vigil_workstation NOLOGIN');
      await admin.query(`CREATE ROLE ${app.user} LOGIN PASSWORD '${app.password}' IN ROLE vigil_workstation`);
    } finally {
      await admin.end();
    }
    return cluster;
  } catch (err) {
    await cluster.destroy().catch(() => undefined);
    throw err;
  }
}

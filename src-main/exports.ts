/**
 * The export files Vigil keeps in <data folder>/exports (the audit trail as
 * JSON Lines, the runbooks' reports as CSV): plaintext for tools outside
 * Vigil, so the folder is 0700, each file 0600, and files older than the
 * retention setting are deleted, at start and once a day (src-main/audit
 * retention). Only files named as exportFileName names them are ever
 * deleted.
 */
import { chmod, mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** vigil-<what>-<ISO time with '-' for ':' and '.'>.<jsonl|csv>, as exportFileName writes it. */
const EXPORT_FILE = /^vigil-[a-z0-9-]+-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.(jsonl|csv)$/;
const DAY_MS = 86_400_000;

/** The exports folder of a data folder. */
export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

/**
 * An export's name: what it holds (lower case, digits and '-') and when it
 * was made, so two exports of one thing stay apart. ':' is not allowed in
 * Windows file names.
 */
export function exportFileName(what: string, now: number, ext: 'jsonl' | 'csv'): string {
  return `vigil-${what}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.${ext}`;
}

/** Writes a new export file (never over an existing one) readable by this account only; returns its path. */
export async function saveExport(dir: string, fileName: string, content: string): Promise<string> {
  const path = join(dir, fileName);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // A folder made before (by hand, or by an older Vigil) is tightened too.
  if (process.platform !== 'win32' && ((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, 0o700);
  await writeFile(path, content, { mode: 0o600, flag: 'wx' });
  return path;
}

/** Deletes the exports last written more than `days` days before `now`; returns how many. */
export async function pruneExports(dir: string, days: number, now: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const cutoff = now - days * DAY_MS;
  let removed = 0;
  for (const name of names.filter((n) => EXPORT_FILE.test(n))) {
    const path = join(dir, name);
    const info = await stat(path);
    if (info.isFile() && info.mtimeMs < cutoff) {
      await unlink(path);
      removed++;
    }
  }
  return removed;
}

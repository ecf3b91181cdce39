/**
 * The few file operations the store needs to be crash-safe: flushing to disk,
 * and publishing a finished file under its final name without ever replacing
 * one that is already there.
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, type Stats, unlinkSync } from 'node:fs';

export function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a new or renamed directory entry durable; Windows cannot open folders and does not need it. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates an empty file that only the owner can read; fails if it exists. */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'wx', 0o600));
}

export function removeIfPresent(file: string): void {
  rmSync(file, { force: true });
}

/**
 * Moves `from` to `to` unless `to` exists; returns false (and leaves both
 * alone) if it does. A hard link is the atomic "create only if absent" the
 * filesystem offers; rename would silently replace. Filesystems without hard
 * links (FAT, exFAT) get a check-then-rename, which is only racy against
 * another process writing the very same name at the same instant.
 */
export function publishNoClobber(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
    if (existsSync(to)) return false;
    renameSync(from, to);
    return true;
  }
  unlinkSync(from);
  return true;
}

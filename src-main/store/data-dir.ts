/**
 * Where Vigil keeps its data, and the names of the files it keeps there.
 */
import { chmodSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { statOrNull } from './files';
import { StoreError, describeError } from './store-errors';

export const DB_FILE = 'vigil.db';

export interface StorePaths {
  dir: string;
  db: string;
  wal: string;
  shm: string;
  journal: string;
  keyCheck: string;
  /** Where a new database is built before it is published as `db`. */
  creating: string;
  /** Where a backup is copied before it is published as `db`. */
  restoring: string;
}

export function storePaths(dir: string): StorePaths {
  const db = path.join(dir, DB_FILE);
  return {
    dir,
    db,
    wal: `${db}-wal`,
    shm: `${db}-shm`,
    journal: `${db}-journal`,
    keyCheck: `${db}.keycheck`,
    creating: `${db}.new`,
    restoring: `${db}.restoring`,
  };
}

/**
 * VIGIL_DATA_DIR when set, else the per-user application-data folder the OS
 * expects (the same place Electron's userData would be for an app named Vigil).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (env.VIGIL_DATA_DIR) return p.resolve(env.VIGIL_DATA_DIR);

  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
  switch (platform) {
    case 'win32':
      return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), 'Vigil');
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', 'Vigil');
    default:
      // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
      return p.join(env.XDG_CONFIG_HOME && p.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : p.join(home, '.config'), 'Vigil');
  }
}

const POSIX_MODES = process.platform !== 'win32';

/** Tightens a file or folder to `mode` when anyone but the owner could read it. */
export function keepPrivate(file: string, mode: 0o600 | 0o700): void {
  if (!POSIX_MODES) return;
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, mode);
}

/**
 * Creates the data folder if needed, makes it private (0700) and returns its
 * real path: the keychain account is derived from that path, so a symlinked or
 * relative spelling of the same folder must find the same key.
 */
export function prepareDataDir(dataDir: string): string {
  const dir = path.resolve(dataDir);
  const existing = statOrNull(dir);
  if (existing && !existing.isDirectory()) {
    throw new StoreError(
      'DATA_DIR',
      `The Vigil data folder ${dir} exists but is not a folder. Move that file away, or point VIGIL_DATA_DIR at a folder.`,
    );
  }
  if (!existing) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new StoreError(
        'DATA_DIR',
        `Cannot create the Vigil data folder ${dir}: ${describeError(err)}. ` +
          'Create it yourself with write access for this user, or point VIGIL_DATA_DIR at a folder you can write to.',
        { cause: err },
      );
    }
  }
  try {
    keepPrivate(dir, 0o700);
  } catch (err) {
    throw new StoreError(
      'DATA_DIR',
      `Cannot make the Vigil data folder ${dir} private to this user (mode 0700): ${describeError(err)}. ` +
        'Run Vigil as the folder\'s owner, or choose a folder on a disk that supports permissions (VIGIL_DATA_DIR).',
      { cause: err },
    );
  }
  return realpathSync(dir);
}

/**
 * The runbooks Vigil knows: every saved version of each one's YAML, the
 * shipped files (resources/runbooks) brought in as versions saved by
 * 'vigil', and each newest version checked against the schema (cached per
 * version, so listing does not re-parse).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import { shippedResourceDir } from '../resources';
import type { ActionSet } from './actions/action';
import { validateRunbook, type Validation } from './definition/validate';

export const SHIPPED_RUNBOOKS_DIR = shippedResourceDir('runbooks');

export interface StoredVersion {
  runbookId: string;
  version: number;
  yaml: string;
  fileName: string;
  source: 'shipped' | 'custom';
  savedAt: number;
  savedBy: string;
}

export interface LoadedRunbook extends StoredVersion, Validation {}

interface VersionRow {
  runbook_id: string;
  version: number;
  yaml: string;
  file_name: string;
  source: 'shipped' | 'custom';
  saved_at: number;
  saved_by: string;
}

const fromRow = (r: VersionRow): StoredVersion => ({
  runbookId: r.runbook_id,
  version: r.version,
  yaml: r.yaml,
  fileName: r.file_name,
  source: r.source,
  savedAt: r.saved_at,
  savedBy: r.saved_by,
});

export class VersionConflictError extends Error {}
export class ShippedRunbookError extends Error {}

export class RunbookLibrary {
  private readonly cache = new Map<string, LoadedRunbook>();

  constructor(
    private readonly db: Database.Database,
    private readonly actions: ActionSet,
    private readonly clock: Clock,
  ) {}

  /**
   * Brings in each shipped file: a new version when it differs from the
   * newest one Vigil saved of it, unless an admin has edited it since (their
   * edit stands). A file whose id cannot be read is kept under its file name.
   */
  syncShipped(dir: string): void {
    if (!existsSync(dir)) return;
    const insert = this.db.transaction((id: string, yaml: string, fileName: string) => {
      const newest = this.newestRow(id);
      if (newest && (newest.saved_by !== 'vigil' || newest.yaml === yaml)) return;
      this.insertVersion(id, (newest?.version ?? 0) + 1, yaml, fileName, 'shipped', 'vigil');
    });
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const yaml = readFileSync(join(dir, file), 'utf8');
      const { declaredId } = validateRunbook(yaml, file, this.actions);
      insert(declaredId && /^[a-z0-9][a-z0-9-]{1,63}$/.test(declaredId) ? declaredId : basename(file).replace(/\.ya?ml$/, ''), yaml, file);
    }
  }

  ids(): string[] {
    return (this.db.prepare('SELECT DISTINCT runbook_id FROM runbook_versions ORDER BY runbook_id').pluck().all() as string[]);
  }

  /** The newest version (or a given one), checked; null when there is none. */
  get(id: string, version?: number): LoadedRunbook | null {
    const row = version === undefined ? this.newestRow(id) : (this.db.prepare('SELECT * FROM runbook_versions WHERE runbook_id = ? AND version = ?').get(id, version) as VersionRow | undefined);
    if (!row) return null;
    const key = `${row.runbook_id}@${row.version}`;
    let loaded = this.cache.get(key);
    if (!loaded) {
      const stored = fromRow(row);
      loaded = { ...stored, ...validateRunbook(stored.yaml, stored.fileName, this.actions) };
      this.cache.set(key, loaded);
    }
    return loaded;
  }

  all(): LoadedRunbook[] {
    return this.ids().flatMap((id) => this.get(id) ?? []);
  }

  source(id: string): 'shipped' | 'custom' | null {
    return (this.db.prepare('SELECT source FROM runbook_versions WHERE runbook_id = ? ORDER BY version LIMIT 1').pluck().get(id) as 'shipped' | 'custom' | undefined) ?? null;
  }

  versions(id: string): StoredVersion[] {
    return (this.db.prepare('SELECT * FROM runbook_versions WHERE runbook_id = ? ORDER BY version DESC').all(id) as VersionRow[]).map(fromRow);
  }

  /**
   * Saves a checked definition as the next version. baseVersion null imports
   * a new runbook (refused when the id is taken); otherwise it must still be
   * the newest, decided in one transaction.
   */
  readonly save = (id: string, yaml: string, fileName: string, baseVersion: number | null, by: string): number =>
    this.db.transaction(() => {
      const newest = this.newestRow(id);
      if (baseVersion === null && newest) throw new VersionConflictError(`A runbook with the id ${id} exists already; open it to edit it.`);
      if (baseVersion !== null && !newest) throw new VersionConflictError(`There is no runbook ${id} to save over; import it instead.`);
      if (baseVersion !== null && newest && newest.version !== baseVersion) throw new VersionConflictError(`${newest.saved_by} saved version ${newest.version} since you opened version ${baseVersion}. Reload it and make your change again.`);
      const version = (newest?.version ?? 0) + 1;
      this.insertVersion(id, version, yaml, fileName, newest?.source ?? 'custom', by);
      return version;
    })();

  delete(id: string): boolean {
    if (this.source(id) === 'shipped') throw new ShippedRunbookError('A shipped runbook cannot be deleted; edit it instead.');
    for (const key of this.cache.keys()) if (key.startsWith(`${id}@`)) this.cache.delete(key);
    return this.db.prepare('DELETE FROM runbook_versions WHERE runbook_id = ?').run(id).changes > 0;
  }

  private newestRow(id: string): VersionRow | undefined {
    return this.db.prepare('SELECT * FROM runbook_versions WHERE runbook_id = ? ORDER BY version DESC LIMIT 1').get(id) as VersionRow | undefined;
  }

  private insertVersion(id: string, version: number, yaml: string, fileName: string, source: string, by: string): void {
    this.db
      .prepare('INSERT INTO runbook_versions (runbook_id, version, yaml, file_name, source, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, version, yaml, fileName, source, this.clock.now(), by);
  }
}

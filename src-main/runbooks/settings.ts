/** The exec allow-list, how long run history is kept, and each schedule's last time considered. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ExecEntry } from '../../src-shared/contract';
import { DEFAULT_RETENTION_DAYS } from '../../src-shared/runbooks';

type Listed = ExecEntry & { addedBy: string; addedAt: number };

export class RunbookSettings {
  constructor(private readonly db: Database.Database) {}

  execList(): Listed[] {
    const rows = this.db.prepare('SELECT * FROM runbook_exec_allow ORDER BY name').all() as Array<{ name: string; path: string; args: string; timeout_ms: number; note: string; added_by: string; added_at: number }>;
    return rows.map((r) => ({ name: r.name, path: r.path, args: JSON.parse(r.args) as string[], timeoutMs: r.timeout_ms, note: r.note, addedBy: r.added_by, addedAt: r.added_at }));
  }

  execEntry(name: string): ExecEntry | null {
    return this.execList().find((e) => e.name === name) ?? null;
  }

  /** Replaced whole in one transaction; an entry kept unchanged keeps who added it and when. */
  readonly setExecList = (entries: ExecEntry[], by: string, at: number): { added: string[]; removed: string[]; changed: string[] } =>
    this.db.transaction(() => {
      const before = new Map(this.execList().map((e) => [e.name, e]));
      this.db.prepare('DELETE FROM runbook_exec_allow').run();
      const insert = this.db.prepare('INSERT INTO runbook_exec_allow (name, path, args, timeout_ms, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const changed: string[] = [];
      for (const e of entries) {
        const old = before.get(e.name);
        const same = old && old.path === e.path && JSON.stringify(old.args) === JSON.stringify(e.args) && old.timeoutMs === e.timeoutMs;
        if (old && !same) changed.push(e.name);
        insert.run(e.name, e.path, JSON.stringify(e.args), e.timeoutMs, e.note, same ? old.addedBy : by, same ? old.addedAt : at);
      }
      return { added: entries.filter((e) => !before.has(e.name)).map((e) => e.name), removed: [...before.keys()].filter((n) => !entries.some((e) => e.name === n)), changed };
    })();

  retentionDays(): number {
    const v = this.get('retention_days');
    return v === null ? DEFAULT_RETENTION_DAYS : Number(v);
  }

  setRetentionDays(days: number): void {
    this.set('retention_days', String(days));
  }

  /** When a schedule was last considered (fired or skipped); null before its first. */
  scheduleMark(runbookId: string): number | null {
    const v = this.get(`schedule:${runbookId}`);
    return v === null ? null : Number(v);
  }

  setScheduleMark(runbookId: string, at: number): void {
    this.set(`schedule:${runbookId}`, String(at));
  }

  private get(key: string): string | null {
    return (this.db.prepare('SELECT value FROM runbook_settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  }

  private set(key: string, value: string): void {
    this.db.prepare('INSERT INTO runbook_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

/**
 * The notify_channels table: each channel's settings as JSON (never its
 * secret, which is in the keychain). Rows are checked against the contract
 * as they are read, so a row an older or newer build wrote in a shape this
 * one does not know is skipped with a log line instead of breaking the list
 * or a delivery.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { channelSettingsSchema, type ChannelSettings } from '../../src-shared/contract';
import type { Logger } from '../log';
import type { ChannelDirectory } from './channels';

/** A channel as read back: parsed settings (defaults filled in) and its id. */
export type StoredChannel = ChannelSettings & { id: string };

interface Row {
  id: string;
  settings: string;
}

export class ChannelRepo implements ChannelDirectory {
  private readonly selectAll: Database.Statement<[], Row>;
  private readonly selectOne: Database.Statement<[string], Row>;
  private readonly insertRow: Database.Statement<[string, string, number, number]>;
  private readonly updateRow: Database.Statement<[string, number, string]>;
  private readonly deleteRow: Database.Statement<[string]>;
  /** Bad rows already logged, by id and content: the list is read on every poll and every alert. */
  private readonly reported = new Set<string>();

  constructor(
    db: Database.Database,
    private readonly log: Logger,
  ) {
    // Oldest first: the seeded desktop channel heads the list, new ones follow in the order they were added.
    this.selectAll = db.prepare<[], Row>('SELECT id, settings FROM notify_channels ORDER BY created_at, rowid');
    this.selectOne = db.prepare<[string], Row>('SELECT id, settings FROM notify_channels WHERE id = ?');
    this.insertRow = db.prepare<[string, string, number, number]>('INSERT INTO notify_channels (id, settings, created_at, updated_at) VALUES (?, ?, ?, ?)');
    this.updateRow = db.prepare<[string, number, string]>('UPDATE notify_channels SET settings = ?, updated_at = ? WHERE id = ?');
    this.deleteRow = db.prepare<[string]>('DELETE FROM notify_channels WHERE id = ?');
  }

  list(): StoredChannel[] {
    return this.selectAll.all().flatMap((row) => this.parsed(row) ?? []);
  }

  /** Read at every delivery attempt, so an edit in Settings applies to the retries already queued. */
  get(id: string): StoredChannel | undefined {
    const row = this.selectOne.get(id);
    return row ? this.parsed(row) : undefined;
  }

  insert(id: string, settings: ChannelSettings, now: number): void {
    this.insertRow.run(id, JSON.stringify(settings), now, now);
  }

  /** False when there is no such channel. */
  update(id: string, settings: ChannelSettings, now: number): boolean {
    return this.updateRow.run(JSON.stringify(settings), now, id).changes > 0;
  }

  /** False when there is no such channel. */
  delete(id: string): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  private parsed(row: Row): StoredChannel | undefined {
    const settings = channelSettingsSchema.safeParse(parseJson(row.settings));
    if (settings.success) return { ...settings.data, id: row.id };
    const key = `${row.id}\n${row.settings}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      // Paths and messages only: the settings themselves may hold e-mail addresses.
      const issues = settings.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`);
      this.log.error('a stored notification channel does not fit the contract; skipped', { channelId: row.id, issues });
    }
    return undefined;
  }
}

/** Unparseable JSON becomes undefined, which the schema then refuses like any other bad shape. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

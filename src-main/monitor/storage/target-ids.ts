/** The monitor's target ids (strings) and the small integers the tables store instead. */
import type Database from 'better-sqlite3-multiple-ciphers';

export class TargetIds {
  private readonly byName = new Map<string, number>();
  private readonly byId = new Map<number, string>();
  private readonly insert: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO monitor_targets (name) VALUES (?)');
    for (const [id, name] of db.prepare('SELECT id, name FROM monitor_targets').raw().all() as [number, string][]) {
      this.remember(id, name);
    }
  }

  /** The target's number, given one the first time it is seen. */
  idOf(name: string): number {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const id = Number(this.insert.run(name).lastInsertRowid);
    this.remember(id, name);
    return id;
  }

  /** Undefined for a target never recorded: it has no rows to read. */
  find(name: string): number | undefined {
    return this.byName.get(name);
  }

  nameOf(id: number): string {
    const name = this.byId.get(id);
    if (name === undefined) throw new RangeError(`No monitored target has id ${id}`);
    return name;
  }

  ids(): number[] {
    return [...this.byId.keys()];
  }

  private remember(id: number, name: string): void {
    this.byName.set(name, id);
    this.byId.set(id, name);
  }
}

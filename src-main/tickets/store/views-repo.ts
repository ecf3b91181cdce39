/** Saved views: each person's named filters, beside the built-in ones everyone has. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { BUILT_IN_VIEWS, savedViewSchema, type SavedView, type TicketFilter, type TicketSort } from '../../../src-shared/tickets';
import { TicketConflictError, TicketNotFoundError } from '../service/errors';

interface Row {
  id: string;
  name: string;
  filter: string;
  sort: string;
}

const MAX_VIEWS = 100;

export class ViewsRepo {
  constructor(private readonly db: Database.Database) {}

  list(owner: string): SavedView[] {
    const rows = this.db.prepare('SELECT id, name, filter, sort FROM ticket_views WHERE owner = ? ORDER BY name').all(owner) as Row[];
    const own = rows.flatMap((r) => {
      const parsed = savedViewSchema.safeParse({ id: r.id, name: r.name, filter: JSON.parse(r.filter), sort: r.sort, builtIn: false });
      return parsed.success ? [parsed.data] : [];
    });
    return [...BUILT_IN_VIEWS, ...own];
  }

  /** Creates (no id) or replaces one of the owner's views; a built-in view cannot be replaced. */
  save(owner: string, view: { id?: string; name: string; filter: TicketFilter; sort: TicketSort }, now: number): SavedView {
    return this.db.transaction(() => {
      if (view.id !== undefined && BUILT_IN_VIEWS.some((v) => v.id === view.id)) throw new TicketConflictError('Built-in views cannot be changed; save a copy under another name.');
      const id = view.id ?? uuidv7();
      if (view.id !== undefined && !this.db.prepare('SELECT 1 FROM ticket_views WHERE id = ? AND owner = ?').get(id, owner)) throw new TicketNotFoundError(`view ${id}`);
      if (view.id === undefined && (this.db.prepare('SELECT COUNT(*) AS n FROM ticket_views WHERE owner = ?').get(owner) as { n: number }).n >= MAX_VIEWS) {
        throw new TicketConflictError(`You have ${MAX_VIEWS} saved views already; delete one first.`);
      }
      this.db
        .prepare(
          `INSERT INTO ticket_views (id, owner, name, filter, sort, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, filter = excluded.filter, sort = excluded.sort`,
        )
        .run(id, owner, view.name, JSON.stringify(view.filter), view.sort, now);
      return { id, name: view.name, filter: view.filter, sort: view.sort, builtIn: false };
    })();
  }

  delete(owner: string, id: string): void {
    if (BUILT_IN_VIEWS.some((v) => v.id === id)) throw new TicketConflictError('Built-in views cannot be deleted.');
    if (this.db.prepare('DELETE FROM ticket_views WHERE id = ? AND owner = ?').run(id, owner).changes === 0) throw new TicketNotFoundError(`view ${id}`);
  }
}

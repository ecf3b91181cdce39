/**
 * Articles in the store: the current revision with its codes and full-text
 * row, every revision ever saved, and the votes. Saves are decided in one
 * transaction each (an edit against the revision it was made from).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { KbArticle, KbArticleFields, KbArticleSummary, KbCategory } from '../../src-shared/contract';
import type { ParsedArticle } from './front-matter';
import { excerptOf } from './markdown-text';

interface ArticleRow {
  seq: number;
  id: string;
  title: string;
  category: KbCategory;
  codes: string;
  tags: string;
  body: string;
  revision: number;
  source: 'shipped' | 'local';
  shipped_version: number | null;
  newer_shipped: number | null;
  updated_at: number;
  updated_by: string;
  helpful: number;
  not_helpful: number;
}

export class KbConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbConflictError';
  }
}

export class KbNotFoundError extends Error {
  constructor(id: string) {
    super(`There is no article ${id}.`);
    this.name = 'KbNotFoundError';
  }
}

const SELECT = `SELECT a.*, (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = a.id AND v.helpful = 1) AS helpful,
  (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = a.id AND v.helpful = 0) AS not_helpful FROM kb_articles a`;

export class KbRepo {
  constructor(private readonly db: Database.Database) {}

  /**
   * Brings a shipped article in: added when new, replaced when a newer
   * version comes and nobody edited it here, otherwise only noted as newer.
   */
  importShipped(article: ParsedArticle, now: number): 'added' | 'updated' | 'kept' | 'same' {
    return this.db.transaction(() => {
      const { meta, body } = article;
      const fields: KbArticleFields = { title: meta.title, category: meta.category, codes: meta.codes, tags: meta.tags, body };
      const row = this.row(meta.id);
      if (!row) {
        this.write(meta.id, fields, { revision: 1, source: 'shipped', shippedVersion: meta.version, newerShipped: null, at: now, by: 'vigil' });
        return 'added';
      }
      if (row.source === 'shipped' && (row.shipped_version ?? 0) < meta.version) {
        this.write(meta.id, fields, { revision: row.revision + 1, source: 'shipped', shippedVersion: meta.version, newerShipped: null, at: now, by: 'vigil' });
        return 'updated';
      }
      if (row.source === 'local' && meta.version > (row.shipped_version ?? 0) && meta.version !== row.newer_shipped) {
        this.db.prepare('UPDATE kb_articles SET newer_shipped = ? WHERE id = ?').run(meta.version, meta.id);
        return 'kept';
      }
      return 'same';
    })();
  }

  create(id: string, fields: KbArticleFields, by: string, now: number): void {
    this.db.transaction(() => {
      if (this.row(id)) throw new KbConflictError(`An article with the id ${id} exists already; choose another id or edit that one.`);
      this.write(id, fields, { revision: 1, source: 'local', shippedVersion: null, newerShipped: null, at: now, by });
    })();
  }

  update(id: string, fields: KbArticleFields, baseRevision: number, by: string, now: number): void {
    this.db.transaction(() => {
      const row = this.row(id);
      if (!row) throw new KbNotFoundError(id);
      if (row.revision !== baseRevision) {
        throw new KbConflictError(`${row.updated_by} saved this article meanwhile (revision ${row.revision}); reload it and make your change again.`);
      }
      this.write(id, fields, { revision: row.revision + 1, source: 'local', shippedVersion: row.shipped_version, newerShipped: row.newer_shipped, at: now, by });
    })();
  }

  vote(id: string, username: string, helpful: boolean, now: number): void {
    if (!this.row(id)) throw new KbNotFoundError(id);
    this.db
      .prepare('INSERT INTO kb_votes (article_id, username, helpful, at) VALUES (?, ?, ?, ?) ON CONFLICT (article_id, username) DO UPDATE SET helpful = excluded.helpful, at = excluded.at')
      .run(id, username, helpful ? 1 : 0, now);
  }

  myVote(id: string, username: string): KbArticle['myVote'] {
    const row = this.db.prepare('SELECT helpful FROM kb_votes WHERE article_id = ? AND username = ?').get(id, username) as { helpful: number } | undefined;
    return row === undefined ? null : row.helpful === 1 ? 'helpful' : 'not_helpful';
  }

  get(id: string): (Omit<KbArticle, 'myVote'> & { seq: number }) | null {
    const row = this.row(id);
    return row ? { ...this.summary(row, null), seq: row.seq, body: row.body, updatedBy: row.updated_by, shippedVersion: row.shipped_version, newerShipped: row.newer_shipped } : null;
  }

  list(category?: KbCategory): KbArticleSummary[] {
    const rows = (category
      ? this.db.prepare(`${SELECT} WHERE a.category = ? ORDER BY a.title`).all(category)
      : this.db.prepare(`${SELECT} ORDER BY a.title`).all()) as ArticleRow[];
    return rows.map((r) => this.summary(r, null));
  }

  counts(): Map<KbCategory, number> {
    const rows = this.db.prepare('SELECT category, COUNT(*) AS n FROM kb_articles GROUP BY category').all() as Array<{ category: KbCategory; n: number }>;
    return new Map(rows.map((r) => [r.category, r.n]));
  }

  /** The articles answering these codes, in the order the codes are given. */
  byCodes(codes: readonly string[]): KbArticleSummary[] {
    const out: KbArticleSummary[] = [];
    const seen = new Set<string>();
    for (const code of codes) {
      const rows = this.db.prepare(`${SELECT} WHERE a.id IN (SELECT article_id FROM kb_codes WHERE code = ?) ORDER BY (a.id = ?) DESC, a.title`).all(code, code) as ArticleRow[];
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(this.summary(r, 'code'));
      }
    }
    return out;
  }

  /** Full-text matches, best first (bm25 weighing title, codes, tags, then body). */
  search(query: string, limit: number, category?: KbCategory): KbArticleSummary[] {
    const rows = this.db
      .prepare(
        `${SELECT} JOIN (SELECT rowid AS hit, bm25(kb_fts, 10.0, 8.0, 4.0, 1.0) AS score FROM kb_fts WHERE kb_fts MATCH ?) f ON f.hit = a.seq
         ${category ? 'WHERE a.category = ?' : ''} ORDER BY f.score LIMIT ?`,
      )
      .all(...(category ? [query, category, limit] : [query, limit])) as ArticleRow[];
    return rows.map((r) => this.summary(r, 'text'));
  }

  /** Every code some article answers. */
  codes(): string[] {
    return (this.db.prepare('SELECT DISTINCT code FROM kb_codes ORDER BY code').all() as { code: string }[]).map((r) => r.code);
  }

  revisions(id: string): Array<{ revision: number; savedAt: number; savedBy: string; source: 'shipped' | 'local'; title: string; category: KbCategory; codes: string[]; tags: string[]; body: string }> {
    const rows = this.db.prepare('SELECT * FROM kb_revisions WHERE article_id = ? ORDER BY revision DESC').all(id) as Array<{
      revision: number;
      saved_at: number;
      saved_by: string;
      source: 'shipped' | 'local';
      title: string;
      category: KbCategory;
      codes: string;
      tags: string;
      body: string;
    }>;
    return rows.map((r) => ({
      revision: r.revision,
      savedAt: r.saved_at,
      savedBy: r.saved_by,
      source: r.source,
      title: r.title,
      category: r.category,
      codes: JSON.parse(r.codes) as string[],
      tags: JSON.parse(r.tags) as string[],
      body: r.body,
    }));
  }

  private row(id: string): ArticleRow | undefined {
    return this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as ArticleRow | undefined;
  }

  private write(
    id: string,
    f: KbArticleFields,
    meta: { revision: number; source: 'shipped' | 'local'; shippedVersion: number | null; newerShipped: number | null; at: number; by: string },
  ): void {
    const codes = JSON.stringify(f.codes);
    const tags = JSON.stringify(f.tags);
    this.db
      .prepare(
        `INSERT INTO kb_articles (id, title, category, codes, tags, body, revision, source, shipped_version, newer_shipped, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, category = excluded.category, codes = excluded.codes, tags = excluded.tags,
           body = excluded.body, revision = excluded.revision, source = excluded.source, shipped_version = excluded.shipped_version,
           newer_shipped = excluded.newer_shipped, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(id, f.title, f.category, codes, tags, f.body, meta.revision, meta.source, meta.shippedVersion, meta.newerShipped, meta.at, meta.by);
    this.db
      .prepare('INSERT INTO kb_revisions (article_id, revision, title, category, codes, tags, body, source, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, meta.revision, f.title, f.category, codes, tags, f.body, meta.source, meta.at, meta.by);
    this.db.prepare('DELETE FROM kb_codes WHERE article_id = ?').run(id);
    for (const code of new Set(f.codes)) this.db.prepare('INSERT INTO kb_codes (code, article_id) VALUES (?, ?)').run(code, id);
    const { seq } = this.db.prepare('SELECT seq FROM kb_articles WHERE id = ?').get(id) as { seq: number };
    this.db.prepare('DELETE FROM kb_fts WHERE rowid = ?').run(seq);
    this.db.prepare('INSERT INTO kb_fts (rowid, title, codes, tags, body) VALUES (?, ?, ?, ?, ?)').run(seq, f.title, f.codes.join(' '), f.tags.join(' '), f.body);
  }

  private summary(r: ArticleRow, match: KbArticleSummary['match']): KbArticleSummary {
    return {
      id: r.id,
      title: r.title,
      category: r.category,
      codes: JSON.parse(r.codes) as string[],
      tags: JSON.parse(r.tags) as string[],
      excerpt: excerptOf(r.body),
      revision: r.revision,
      source: r.source,
      helpful: r.helpful,
      notHelpful: r.not_helpful,
      updatedAt: r.updated_at,
      match,
    };
  }
}

/** The articles Vigil ships: resources/kb/*.md (found as src-main/resources.ts says). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { shippedResourceDir } from '../resources';
import { FrontMatterError, parseArticle, type ParsedArticle } from './front-matter';

export const SHIPPED_KB_DIR = shippedResourceDir('kb');

export interface ShippedLoad {
  articles: ParsedArticle[];
  /** Files that could not be read as articles, with why; start-up logs them and goes on. */
  failures: Array<{ file: string; reason: string }>;
}

export function loadShipped(dir: string): ShippedLoad {
  const articles: ParsedArticle[] = [];
  const failures: ShippedLoad['failures'] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    try {
      const article = parseArticle(readFileSync(join(dir, file), 'utf8'));
      if (seen.has(article.meta.id)) throw new FrontMatterError(`the id ${article.meta.id} is used by another file`);
      seen.add(article.meta.id);
      articles.push(article);
    } catch (err) {
      if (!(err instanceof FrontMatterError)) throw err;
      failures.push({ file, reason: err.message });
    }
  }
  return { articles, failures };
}

/** Loads the shipped articles, logging each file that is not one. */
export function shippedArticles(dir: string, log: Logger): ParsedArticle[] {
  const { articles, failures } = loadShipped(dir);
  for (const f of failures) log.error('a shipped knowledge-base article could not be read; it is left out', f);
  return articles;
}

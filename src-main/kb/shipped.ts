/**
 * The articles Vigil ships: resources/kb/*.md. The folder is found from
 * this module's own location, which is two levels below the project root
 * both as source (src-main/kb) and bundled (out/main), and inside the
 * packaged app's archive (electron-builder.yml lists resources/kb).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log';
import { FrontMatterError, parseArticle, type ParsedArticle } from './front-matter';

export const SHIPPED_KB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/kb');

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

/**
 * Turning what a person typed into an FTS5 query. Every word is quoted, so
 * nothing typed is read as FTS5 syntax (AND, NEAR, a stray quote or
 * colon): a search box can never make a query fail.
 */

/** The words of a text as FTS5's unicode61 tokenizer would split them. */
export function searchWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface FtsQueryOptions {
  /** all: every word must match; any: at least one (ranked by how many and how rare). */
  match: 'all' | 'any';
  /** The last word as a prefix too, for a search that runs as it is typed. */
  prefixLast?: boolean;
  /** At most this many words are used. */
  maxWords?: number;
}

/** null when the text has no words to search for. */
export function ftsQuery(text: string, opts: FtsQueryOptions): string | null {
  const words = searchWords(text).slice(0, opts.maxWords ?? 32);
  if (words.length === 0) return null;
  const terms = words.map((w, i) => `"${w}"${opts.prefixLast && i === words.length - 1 ? '*' : ''}`);
  return terms.join(opts.match === 'all' ? ' ' : ' OR ');
}

/**
 * Finding articles: error codes first (an article that answers the code
 * asked for is the answer), then full text. A search needs every word to
 * match, and widens to any word when that finds too little; suggestions for
 * a ticket's or an alert's text take any word, ranked by bm25.
 */
import type { KbArticleSummary, KbCategory } from '../../src-shared/contract';
import { ftsQuery, searchWords } from '../store';
import type { KbRepo } from './kb-repo';
import { codesIn, writtenCodes } from './symptoms';

// Words that say nothing about a problem; left out of suggestion queries so bm25 weighs the rest.
const STOP_WORDS = new Set(
  'a an and are as at be but by can cannot could did do does for from has have he her his how i if in into is it its me my no not of on or our she so that the their them then there these they this to was we were what when where which who why will with you your please thanks hi hello'.split(
    ' ',
  ),
);
const SUGGEST_WORDS = 40;

export class KbService {
  constructor(private readonly repo: KbRepo) {}

  /** The codes some article answers. */
  known(): Set<string> {
    return new Set(this.repo.codes());
  }

  search(query: string, limit: number, category?: KbCategory): KbArticleSummary[] {
    const byCode = this.repo.byCodes(writtenCodes(query, this.known())).filter((a) => category === undefined || a.category === category);
    const all = ftsQuery(query, { match: 'all', prefixLast: true });
    let found = merge(byCode, all ? this.repo.search(all, limit, category) : [], limit);
    if (found.length < limit) {
      const any = ftsQuery(query, { match: 'any', prefixLast: true });
      if (any) found = merge(found, this.repo.search(any, limit, category), limit);
    }
    return found;
  }

  /** For a ticket, a failed probe or an alert: the codes' articles, then the text's. */
  suggest(codes: readonly string[], text: string, limit: number): KbArticleSummary[] {
    const known = this.known();
    const allCodes = [...new Set([...codes.filter((c) => known.has(c)), ...codesIn(text, known)])];
    const words = [...new Set(searchWords(text.toLowerCase()).filter((w) => !STOP_WORDS.has(w) && w.length > 1))].slice(0, SUGGEST_WORDS);
    const query = ftsQuery(words.join(' '), { match: 'any' });
    return merge(this.repo.byCodes(allCodes), query ? this.repo.search(query, limit) : [], limit);
  }
}

function merge(first: KbArticleSummary[], then: KbArticleSummary[], limit: number): KbArticleSummary[] {
  const seen = new Set(first.map((a) => a.id));
  return [...first, ...then.filter((a) => !seen.has(a.id) && seen.add(a.id))].slice(0, limit);
}

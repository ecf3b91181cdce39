/** Knowledge-base files: the front-matter reader and what it refuses. */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src-main/kb';

const article = (front: string, body = 'Some text.') => `---\n${front}\n---\n${body}\n`;
const good = 'id: fhir_timeout\ntitle: "Requests time out"\ncategory: performance\ncodes: [fhir_timeout]\ntags: [timeout, "slow: very"]\nversion: 2';

describe('front matter', () => {
  it('reads text, lists and the version', () => {
    expect(parseArticle(article(good, '# Heading\n\nBody'))).toEqual({
      meta: { id: 'fhir_timeout', title: 'Requests time out', category: 'performance', codes: ['fhir_timeout'], tags: ['timeout', 'slow: very'], version: 2 },
      body: '# Heading\n\nBody',
    });
  });

  it.each([
    ['no fences', 'id: x\n\ntext', /front-matter block/],
    ['an unknown field', article(`${good}\nauthor: me`), /Unrecognized key|author/],
    ['a field twice', article(`${good}\nversion: 3`), /version is given twice/],
    ['an unknown category', article(good.replace('performance', 'misc')), /category/],
    ['a code that is not one', article(good.replace('codes: [fhir_timeout]', 'codes: [Timeout]')), /codes/],
    ['an unclosed list', article(good.replace('codes: [fhir_timeout]', 'codes: [fhir_timeout')), /must end with \]/],
    ['no body', article(good, ''), /no text/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseArticle(text)).toThrow(message);
  });
});

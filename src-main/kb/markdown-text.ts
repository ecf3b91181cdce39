/** Plain text out of an article's Markdown, for the one-line excerpt lists show. */

const EXCERPT_MAX = 240;

function plain(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first paragraph that is prose (not a heading, list, quote, table or code). */
export function excerptOf(body: string): string {
  let inFence = false;
  for (const block of body.split(/\r?\n\s*\r?\n/)) {
    const fences = (block.match(/^```/gm) ?? []).length;
    const wasInFence = inFence;
    if (fences % 2 === 1) inFence = !inFence;
    if (wasInFence || fences > 0) continue;
    const first = block.trimStart();
    if (/^(#|[-*+] |\d+\. |>|\|)/.test(first)) continue;
    const text = plain(block);
    if (text === '') continue;
    return text.length <= EXCERPT_MAX ? text : `${text.slice(0, EXCERPT_MAX - 1).replace(/\s+\S*$/, '')}…`;
  }
  return '';
}

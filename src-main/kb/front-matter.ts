/**
 * Knowledge-base files: Markdown after a front-matter block of `key: value`
 * lines between `---` fences. Values are plain text, an integer, or a
 * list in brackets (`codes: [fhir_timeout, network_unreachable]`); that is
 * all the articles need, so no YAML library is pulled in for it. The
 * fields are then checked with the contract's schema.
 */
import { z } from 'zod';
import { KB_CATEGORIES, kbArticleIdSchema, kbCodeSchema } from '../../src-shared/contract';

export const frontMatterSchema = z
  .object({
    id: kbArticleIdSchema,
    title: z.string().min(3).max(200),
    category: z.enum(KB_CATEGORIES),
    codes: z.array(kbCodeSchema).default([]),
    tags: z.array(z.string().min(1).max(40)).default([]),
    /** Bumped when the shipped text changes: a newer version replaces an unedited copy. */
    version: z.coerce.number().int().positive(),
  })
  .strict();
export type FrontMatter = z.output<typeof frontMatterSchema>;

export interface ParsedArticle {
  meta: FrontMatter;
  body: string;
}

export class FrontMatterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrontMatterError';
  }
}

function unquote(text: string): string {
  const t = text.trim();
  return (t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")) ? t.slice(1, -1) : t;
}

function value(raw: string): string | string[] {
  const t = raw.trim();
  if (!t.startsWith('[')) return unquote(t);
  if (!t.endsWith(']')) throw new FrontMatterError(`a list must end with ]: ${t}`);
  const inner = t.slice(1, -1).trim();
  return inner === '' ? [] : inner.split(',').map(unquote);
}

export function parseArticle(text: string): ParsedArticle {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''));
  if (!match) throw new FrontMatterError('the file must start with a front-matter block between --- lines');
  const fields: Record<string, string | string[]> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon < 1) throw new FrontMatterError(`not a "key: value" line: ${line}`);
    const key = line.slice(0, colon).trim();
    if (Object.hasOwn(fields, key)) throw new FrontMatterError(`${key} is given twice`);
    fields[key] = value(line.slice(colon + 1));
  }
  const meta = frontMatterSchema.safeParse(fields);
  if (!meta.success) throw new FrontMatterError(meta.error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`).join('; '));
  const body = match[2]!.trim();
  if (body === '') throw new FrontMatterError('the article has no text after its front matter');
  return { meta: meta.data, body };
}

/**
 * The knowledge base: articles shipped with Vigil (resources/kb) and local
 * ones, full-text search, suggestions by error code and text, helpful
 * votes, and versioned edits by admins.
 */
import { z } from 'zod';
import { channel, epochMs, event } from './define';

export const KB_CATEGORIES = ['troubleshooting', 'integration', 'clinical', 'compliance', 'performance', 'operations'] as const;
export type KbCategory = (typeof KB_CATEGORIES)[number];
export const KB_CATEGORY_LABELS: Record<KbCategory, string> = {
  troubleshooting: 'Troubleshooting',
  integration: 'FHIR & SMART integration',
  clinical: 'Clinical data',
  compliance: 'Compliance & security',
  performance: 'Performance',
  operations: 'Operations & escalation',
};

export const kbArticleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'Lower-case letters, digits, - and _ (2–64)');
/** An error code as the EHR classifier emits it (FhirError.kbCode), e.g. fhir_validation_error. */
export const kbCodeSchema = z.string().regex(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/, 'An error code such as fhir_timeout');

export const kbArticleFieldsSchema = z
  .object({
    title: z.string().trim().min(3, 'Enter a title').max(200),
    category: z.enum(KB_CATEGORIES),
    codes: z.array(kbCodeSchema).max(20).default([]),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    /** Markdown; rendered without raw HTML. */
    body: z.string().trim().min(1, 'Write the article').max(100_000),
  })
  .strict();
export type KbArticleFields = z.output<typeof kbArticleFieldsSchema>;

export const kbArticleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(KB_CATEGORIES),
  codes: z.array(z.string()),
  tags: z.array(z.string()),
  /** The first paragraph as plain text. */
  excerpt: z.string(),
  /** Counts every save, shipped updates and local edits alike. */
  revision: z.number().int().positive(),
  /** shipped: as Vigil ships it; local: written or edited on this workstation. */
  source: z.enum(['shipped', 'local']),
  helpful: z.number().int().nonnegative(),
  notHelpful: z.number().int().nonnegative(),
  updatedAt: epochMs,
  /** Why it was suggested or found: 'code' (it answers an error code asked for) or 'text'. */
  match: z.enum(['code', 'text']).nullable(),
});
export type KbArticleSummary = z.infer<typeof kbArticleSummarySchema>;

export const kbArticleSchema = kbArticleSummarySchema.extend({
  body: z.string(),
  updatedBy: z.string(),
  /** The shipped version this article is, or was edited from; null for a local article. */
  shippedVersion: z.number().int().positive().nullable(),
  /** A newer shipped version not taken because of local edits. */
  newerShipped: z.number().int().positive().nullable(),
  myVote: z.enum(['helpful', 'not_helpful']).nullable(),
});
export type KbArticle = z.infer<typeof kbArticleSchema>;

export const kbRevisionSchema = z.object({
  revision: z.number().int().positive(),
  savedAt: epochMs,
  savedBy: z.string(),
  source: z.enum(['shipped', 'local']),
  title: z.string(),
  category: z.enum(KB_CATEGORIES),
  codes: z.array(z.string()),
  tags: z.array(z.string()),
  body: z.string(),
});

const limit = z.number().int().min(1).max(50).default(10);

export const KB_CHANNELS = {
  'kb.search': channel({
    summary: 'Full-text search (bm25): articles answering an error code in the query first, then by relevance',
    access: 'kb.read',
    audited: false,
    input: z.object({ query: z.string().trim().min(1).max(300), category: z.enum(KB_CATEGORIES).optional(), limit }).strict(),
    output: z.object({ articles: z.array(kbArticleSummarySchema) }),
  }),
  'kb.list': channel({
    summary: 'Browse: the categories with their counts and the articles of one (or all), by title',
    access: 'kb.read',
    audited: false,
    input: z.object({ category: z.enum(KB_CATEGORIES).optional() }).strict(),
    output: z.object({
      categories: z.array(z.object({ category: z.enum(KB_CATEGORIES), label: z.string(), count: z.number().int().nonnegative() })),
      articles: z.array(kbArticleSummarySchema),
    }),
  }),
  'kb.get': channel({
    summary: 'One article with its Markdown body, votes and where it comes from',
    access: 'kb.read',
    audited: false,
    input: z.object({ id: kbArticleIdSchema }).strict(),
    output: kbArticleSchema,
  }),
  'kb.suggest': channel({
    summary: 'Articles for error codes first, then for text: a failed probe (its kbCode), an alert (its rule and detail) or any text',
    access: 'kb.read',
    audited: false,
    input: z
      .object({
        codes: z.array(kbCodeSchema).max(20).default([]),
        text: z.string().max(20_000).default(''),
        alertId: z.string().min(1).max(100).optional(),
        limit: z.number().int().min(1).max(20).default(5),
      })
      .strict(),
    output: z.object({ articles: z.array(kbArticleSummarySchema) }),
  }),
  'kb.vote': channel({
    summary: 'Mark an article helpful or not; one vote per person, a new one replaces it',
    access: 'kb.read',
    audited: true,
    input: z.object({ id: kbArticleIdSchema, helpful: z.boolean() }).strict(),
    output: z.object({ helpful: z.number().int().nonnegative(), notHelpful: z.number().int().nonnegative(), myVote: z.enum(['helpful', 'not_helpful']) }),
  }),
  'kb.create': channel({
    summary: 'Add a local article',
    access: 'kb.edit',
    audited: true,
    input: kbArticleFieldsSchema.extend({ id: kbArticleIdSchema }).strict(),
    output: kbArticleSchema,
  }),
  'kb.update': channel({
    summary: 'Edit an article: a new revision, the old ones kept; refused when someone saved since baseRevision',
    access: 'kb.edit',
    audited: true,
    input: kbArticleFieldsSchema.extend({ id: kbArticleIdSchema, baseRevision: z.number().int().positive() }).strict(),
    output: kbArticleSchema,
  }),
  'kb.history': channel({
    summary: "An article's revisions, newest first",
    access: 'kb.read',
    audited: false,
    input: z.object({ id: kbArticleIdSchema }).strict(),
    output: z.object({ revisions: z.array(kbRevisionSchema) }),
  }),
};

export const KB_EVENTS = {
  'kb.changed': event({
    summary: 'An article was added, edited or voted on',
    audience: 'kb.read',
    payload: z.object({ articleId: z.string() }),
  }),
};

import { KB_CATEGORY_LABELS, type KbArticleSummary } from '../../../src-shared/contract/kb';

/** Search results or a category's articles: each opens in the pane beside. */
export function ArticleList({ label, articles, openId, onOpen }: { label: string; articles: readonly KbArticleSummary[]; openId: string | null; onOpen: (id: string) => void }) {
  return (
    <ul className="kb-list" aria-label={label}>
      {articles.map((article) => (
        <li key={article.id} aria-current={article.id === openId || undefined}>
          <button type="button" className="kb-list-open" onClick={() => onOpen(article.id)}>
            <span className="kb-list-title">{article.title}</span>
            <span className="kb-list-meta">
              {KB_CATEGORY_LABELS[article.category]}
              {article.match === 'code' && ' · answers the error code'}
              {' · '}
              {article.helpful} found it helpful
            </span>
            {article.excerpt && <span className="kb-list-excerpt">{article.excerpt}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

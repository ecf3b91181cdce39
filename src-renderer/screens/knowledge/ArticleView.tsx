import { useState } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { KB_CATEGORY_LABELS, type KbArticle } from '../../../src-shared/contract/kb';
import { errorText } from '../../api/error-text';
import { useKbHistory, useKbVote } from '../../api/kb';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { localDateTime } from '../../lib/time';

function VoteButtons({ article }: { article: KbArticle }) {
  const vote = useKbVote();
  return (
    <div className="kb-votes" role="group" aria-label="Was this article helpful?">
      <span>Was this helpful?</span>
      <Button aria-pressed={article.myVote === 'helpful'} pending={vote.isPending && vote.variables.helpful} onClick={() => vote.mutate({ id: article.id, helpful: true })}>
        Helpful ({article.helpful})
      </Button>
      <Button aria-pressed={article.myVote === 'not_helpful'} pending={vote.isPending && !vote.variables.helpful} onClick={() => vote.mutate({ id: article.id, helpful: false })}>
        Not helpful ({article.notHelpful})
      </Button>
      {vote.error != null && <Notice tone="error" title="Your vote was not counted">{errorText(vote.error)}</Notice>}
    </div>
  );
}

function History({ article }: { article: KbArticle }) {
  const [open, setOpen] = useState(false);
  const history = useKbHistory(article.id, open);
  return (
    <details className="kb-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>History ({article.revision} revision{article.revision === 1 ? '' : 's'})</summary>
      {history.isError && <Notice tone="error" title="The history could not be loaded">{errorText(history.error)}</Notice>}
      <ol className="plain-list">
        {history.data?.revisions.map((r) => (
          <li key={r.revision}>
            Revision {r.revision}: {r.source === 'shipped' ? 'as shipped with Vigil' : `saved by ${r.savedBy}`}, {localDateTime(r.savedAt)} — “{r.title}”
          </li>
        ))}
      </ol>
    </details>
  );
}

/** An article: its Markdown rendered without raw HTML, the error codes it answers, votes, history, and editing for admins. */
export function ArticleView({ article, onEdit }: { article: KbArticle; onEdit: (() => void) | null }) {
  return (
    <article className="kb-article" aria-labelledby="kb-article-title">
      <p className="eyebrow">
        {KB_CATEGORY_LABELS[article.category]} · revision {article.revision} · {article.source === 'shipped' ? 'shipped with Vigil' : `edited here by ${article.updatedBy}`}
      </p>
      <h2 id="kb-article-title" tabIndex={-1}>
        {article.title}
      </h2>
      {article.codes.length > 0 && (
        <p className="kb-codes">
          Answers: {article.codes.map((code) => <code key={code}>{code}</code>)}
        </p>
      )}
      {article.newerShipped !== null && (
        <Notice tone="info" title="A newer shipped version exists">
          Vigil ships version {article.newerShipped} of this article; the local edit is kept.
        </Notice>
      )}
      {onEdit && (
        <Button icon="pencil" onClick={onEdit}>
          Edit article
        </Button>
      )}
      <div className="kb-body">
        {/* GitHub-flavoured Markdown: the shipped articles' error-code tables are tables, not pipes. */}
        <Markdown skipHtml remarkPlugins={[remarkGfm]}>
          {article.body}
        </Markdown>
      </div>
      <VoteButtons article={article} />
      <History article={article} />
    </article>
  );
}

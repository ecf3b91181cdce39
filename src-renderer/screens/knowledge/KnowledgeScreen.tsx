import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import type { KbArticle } from '../../../src-shared/contract/kb';
import { can } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { queryKeys } from '../../api/query-keys';
import { useKbArticle, useKbList, useKbSearch } from '../../api/kb';
import { Button } from '../../components/Button';
import { DoneMessage } from '../../components/DoneMessage';
import { TextField } from '../../components/Field';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useDialogs } from '../../lib/use-dialogs';
import { ArticleEditorDialog } from './ArticleEditorDialog';
import { ArticleList } from './ArticleList';
import { ArticleView } from './ArticleView';
import { useKnowledgeStore } from './knowledge-store';

type EditorDialog = { article: KbArticle | null };

function OpenArticle({ id, onEdit }: { id: string; onEdit: ((article: KbArticle) => void) | null }) {
  const article = useKbArticle(id);
  if (article.isPending) return <LoadingLine label="Loading the article…" />;
  if (article.isError) return <Notice tone="error" title="The article could not be loaded">{errorText(article.error)}</Notice>;
  return <ArticleView article={article.data} onEdit={onEdit && (() => onEdit(article.data))} />;
}

export function KnowledgeScreen({ user }: { user: UserSummary }) {
  const { query, category, articleId, search, browse, openArticle } = useKnowledgeStore();
  const [typed, setTyped] = useState(query);
  const list = useKbList(category);
  const found = useKbSearch(query, category);
  const dialogs = useDialogs<EditorDialog>();
  const mayEdit = can(user.role, 'kb.edit');
  const queryClient = useQueryClient();
  const searching = query.trim() !== '';
  const shown = searching ? found.data?.articles : list.data?.articles;
  const failed = searching ? found.error : list.error;

  return (
    <div className="knowledge">
      <ScreenHeader
        title="Knowledge"
        intro="Fixes for error codes and symptoms. Search for an error code (fhir_timeout), an HTTP status or what people report."
        actions={
          mayEdit && (
            <Button variant="primary" icon="plus" onClick={() => dialogs.open({ article: null })}>
              New article
            </Button>
          )
        }
      />
      <form
        role="search"
        className="kb-search"
        onSubmit={(event) => {
          event.preventDefault();
          search(typed.trim());
        }}
      >
        <TextField label="Search articles" type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />
        <Button type="submit" variant="primary">
          Search
        </Button>
        {searching && (
          <Button
            variant="link"
            onClick={() => {
              setTyped('');
              search('');
            }}
          >
            Clear search
          </Button>
        )}
      </form>
      <ul className="kb-categories" aria-label="Categories">
        <li>
          <button type="button" className="view-tab" aria-pressed={category === null} onClick={() => browse(null)}>
            All
          </button>
        </li>
        {list.data?.categories.map((c) => (
          <li key={c.category}>
            <button type="button" className="view-tab" aria-pressed={category === c.category} onClick={() => browse(c.category)}>
              {c.label} ({c.count})
            </button>
          </li>
        ))}
      </ul>
      <DoneMessage message={dialogs.done} />
      <div className="kb-body-split">
        <div className="kb-results">
          {failed != null ? (
            <Notice tone="error" title={searching ? 'The search failed' : 'The articles could not be loaded'}>
              {errorText(failed)}
            </Notice>
          ) : shown === undefined ? (
            <LoadingLine label={searching ? 'Searching…' : 'Loading the articles…'} />
          ) : shown.length === 0 ? (
            <p className="empty-screen">{searching ? `No article matches “${query}”.` : 'No articles in this category.'}</p>
          ) : (
            <ArticleList label={searching ? `Articles matching “${query}”` : 'Articles'} articles={shown} openId={articleId} onOpen={openArticle} />
          )}
        </div>
        <div className="kb-article-pane">
          {articleId ? <OpenArticle key={articleId} id={articleId} onEdit={mayEdit ? (article) => dialogs.open({ article }) : null} /> : <p className="muted">Choose an article to read it here.</p>}
        </div>
      </div>
      {dialogs.dialog && (
        <ArticleEditorDialog
          article={dialogs.dialog.article}
          onClose={dialogs.close}
          onReload={() => {
            // What is shown is the revision the edit started from: ask for the newest before the person edits again.
            if (dialogs.dialog?.article) void queryClient.invalidateQueries({ queryKey: queryKeys.kbGet(dialogs.dialog.article.id) });
            dialogs.close();
          }}
          onSaved={(saved) => {
            openArticle(saved.id);
            dialogs.finish(`Saved “${saved.title}” (revision ${saved.revision}).`);
          }}
        />
      )}
    </div>
  );
}

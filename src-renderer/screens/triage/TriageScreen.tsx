import { useCallback, useMemo, useRef, useState } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { can } from '../../../src-shared/roles';
import { BUILT_IN_VIEWS, type TicketRow } from '../../../src-shared/tickets';
import { errorText } from '../../api/error-text';
import { useTicketCount, useTicketQueue, useTicketViews } from '../../api/tickets';
import { Button } from '../../components/Button';
import { DoneMessage } from '../../components/DoneMessage';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useDialogs } from '../../lib/use-dialogs';
import { useListSelection } from '../../lib/use-list-selection';
import { ExportViewButton } from './ExportViewButton';
import { ImportDialog } from './ImportDialog';
import { NewTicketDialog } from './NewTicketDialog';
import { ALL_OPEN, queueQuery } from './queue-query';
import { SaveViewDialog } from './SaveViewDialog';
import { TicketDetail } from './TicketDetail';
import { TicketQueue } from './TicketQueue';
import { CommentDialog, PriorityDialog, StatusDialog } from './TriageActionDialogs';
import { TriageFilters } from './TriageFilters';
import { TriageKeysHelp } from './TriageKeysHelp';
import { useTriageStore } from './triage-store';
import { TriageViews } from './TriageViews';
import { useQuickActions } from './use-triage-actions';
import { useTriageKeys, type TriageAction, type TriageKey } from './use-triage-keys';

type TriageDialog =
  | { kind: 'priority' | 'status'; targets: TicketRow[] }
  | { kind: 'comment'; target: TicketRow }
  | { kind: 'new' | 'import' | 'saveView' };

export function TriageScreen({ user }: { user: UserSummary }) {
  const state = useTriageStore();
  const views = [ALL_OPEN, ...(useTicketViews().data?.views ?? BUILT_IN_VIEWS)];
  const view = views.find((v) => v.id === state.viewId) ?? ALL_OPEN;
  const { text, priority, category } = state;
  const query = useMemo(() => queueQuery(view, { text, priority, category }), [view, text, priority, category]);
  const queue = useTicketQueue(query);
  const count = useTicketCount(query.filter ?? { status: 'open' });
  const rows = useMemo(() => queue.data?.pages.flatMap((page) => page.tickets) ?? [], [queue.data]);
  const selection = useListSelection(rows);
  const dialogs = useDialogs<TriageDialog>();
  const quick = useQuickActions(dialogs.finish);
  const [help, setHelp] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const mayTriage = can(user.role, 'tickets.triage');
  const mayComment = can(user.role, 'tickets.follow');

  const pickedRows = rows.filter((row) => state.picked.has(row.id));
  const current = selection.selected;

  /** What a/s/p act on: the ticked tickets when there are some, else the current one. */
  const targetsFor = (row: TicketRow | null): TicketRow[] => (pickedRows.length > 0 ? pickedRows : row ? [row] : []);

  function act(action: TriageAction, row: TicketRow | null): boolean {
    const targets = action === 'assign' || action === 'status' || action === 'priority' ? targetsFor(row) : row ? [row] : [];
    const first = targets[0];
    if (!first) return false;
    if (action === 'comment') {
      if (!mayComment) return false;
      dialogs.open({ kind: 'comment', target: first });
      return true;
    }
    if (!mayTriage) return false;
    if (action === 'assign') quick.assignToMe(targets);
    else if (action === 'escalate') quick.escalate(first);
    else dialogs.open({ kind: action, targets });
    return true;
  }

  function onKey(key: TriageKey): boolean {
    switch (key) {
      case 'next':
      case 'previous': {
        const next = selection.step(key === 'next' ? 1 : -1);
        if (!next) return false;
        selection.select(next);
        setFocusRequest({ id: next.id });
        return true;
      }
      case 'open':
        if (!current) return false;
        state.open(current.id);
        return true;
      case 'close':
        if (state.openId === null) return false;
        state.open(null);
        return true;
      case 'search':
        searchRef.current?.focus();
        return true;
      case 'pick':
        if (!current) return false;
        state.togglePicked(current.id);
        return true;
      case 'help':
        setHelp((shown) => !shown);
        return true;
      default:
        return act(key, current);
    }
  }
  useTriageKeys(onKey);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = queue;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const finish = (message: string) => {
    dialogs.finish(message);
    if (dialogs.dialog && 'targets' in dialogs.dialog && dialogs.dialog.targets.length > 1) state.clearPicked();
  };

  return (
    <div className="triage">
      <ScreenHeader
        title="Triage"
        intro="Open tickets, the next to breach its SLA first. Press ? for the keys: j and k move, Enter opens, a assigns to you."
        actions={
          <>
            {mayTriage && (
              <Button variant="primary" icon="plus" onClick={() => dialogs.open({ kind: 'new' })}>
                New ticket
              </Button>
            )}
            {can(user.role, 'tickets.import') && <Button onClick={() => dialogs.open({ kind: 'import' })}>Import…</Button>}
            <ExportViewButton query={query} onDone={dialogs.finish} />
            <Button aria-expanded={help} onClick={() => setHelp(!help)}>
              Keys (?)
            </Button>
          </>
        }
      />
      {help && <TriageKeysHelp />}
      <TriageViews views={views} currentId={view.id} onShow={state.showView} onSave={() => dialogs.open({ kind: 'saveView' })} />
      <TriageFilters
        text={text}
        priority={priority}
        category={category}
        count={count.data}
        searchRef={searchRef}
        onText={state.setText}
        onPriority={state.setPriority}
        onCategory={state.setCategory}
      />
      <DoneMessage message={dialogs.done} />
      {pickedRows.length > 0 && (
        <div className="bulk-bar" role="group" aria-label="Ticked tickets">
          <strong>{pickedRows.length} ticked</strong>
          {mayTriage && (
            <>
              <Button pending={quick.pending} onClick={() => act('assign', null)}>
                Assign to me (a)
              </Button>
              <Button onClick={() => act('status', null)}>Status… (s)</Button>
              <Button onClick={() => act('priority', null)}>Priority… (p)</Button>
            </>
          )}
          <Button variant="link" onClick={state.clearPicked}>
            Untick all
          </Button>
        </div>
      )}
      <div className={state.openId ? 'triage-body triage-body-split' : 'triage-body'}>
        <div className="triage-queue-column">
          {queue.isPending ? (
            <LoadingLine label="Loading the queue…" />
          ) : queue.isError ? (
            <Notice tone="error" title="The queue could not be loaded">
              {errorText(queue.error)}
            </Notice>
          ) : rows.length === 0 ? (
            <p className="empty-screen">No tickets in this view.</p>
          ) : (
            <TicketQueue
              rows={rows}
              total={count.data?.total ?? rows.length}
              currentId={current?.id ?? null}
              focusRequest={focusRequest}
              onFocused={() => setFocusRequest(null)}
              picked={state.picked}
              hasMore={hasNextPage}
              loadingMore={isFetchingNextPage}
              onLoadMore={loadMore}
              onOpen={(row) => {
                selection.select(row);
                state.open(row.id);
              }}
              onPick={(row) => state.togglePicked(row.id)}
            />
          )}
          {isFetchingNextPage && <LoadingLine label="Loading more tickets…" />}
        </div>
        {state.openId && (
          <aside className="triage-detail" aria-label="Ticket details">
            <TicketDetail id={state.openId} onAction={(action, row) => act(action, row)} onClose={() => state.open(null)} />
          </aside>
        )}
      </div>
      {dialogs.dialog?.kind === 'priority' && <PriorityDialog targets={dialogs.dialog.targets} onClose={dialogs.close} onDone={finish} />}
      {dialogs.dialog?.kind === 'status' && <StatusDialog targets={dialogs.dialog.targets} onClose={dialogs.close} onDone={finish} />}
      {dialogs.dialog?.kind === 'comment' && <CommentDialog target={dialogs.dialog.target} onClose={dialogs.close} onDone={finish} />}
      {dialogs.dialog?.kind === 'new' && <NewTicketDialog onClose={dialogs.close} onDone={finish} />}
      {dialogs.dialog?.kind === 'import' && <ImportDialog onClose={dialogs.close} onDone={finish} />}
      {dialogs.dialog?.kind === 'saveView' && (
        <SaveViewDialog
          query={query}
          onClose={dialogs.close}
          onSaved={(id, name) => {
            state.showView(id);
            finish(`Saved the view ${name}.`);
          }}
        />
      )}
    </div>
  );
}

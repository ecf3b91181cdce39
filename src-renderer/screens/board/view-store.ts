import { create } from 'zustand';
import type { ChartRangeId } from '../../../src-shared/monitoring';
import { useUiStore } from '../../state/ui-store';
import { NO_FILTER, type BoardFilter } from './board-filter';

export type ConnectionsView = 'board' | 'setup';

interface ViewState {
  view: ConnectionsView;
  /** The target whose detail is open in place of the board; null: the board itself. */
  targetId: string | null;
  range: ChartRangeId;
  /** The tile that opened the last detail: focus goes back to it when the board shows again. */
  returnFocusTo: string | null;
  /** What the board is narrowed to. */
  filter: BoardFilter;
}

const INITIAL: ViewState = { view: 'board', targetId: null, range: '24h', returnFocusTo: null, filter: NO_FILTER };

/**
 * Where a person is on the Connections screen, kept outside the screen so
 * going to Audit and back (or through the lock screen) finds it as it was.
 * It belongs to one account: the next person to sign in at a shared wall
 * display starts on the board, not in the detail the last one left open.
 */
const useViewStore = create<ViewState & { owner: number | null }>()(() => ({ ...INITIAL, owner: null }));

// Following the Connections link while on Connections leads to the board, as it does from every other screen.
useUiStore.subscribe((state, previous) => {
  if (state.revisit !== previous.revisit && state.revisit?.screen === 'connections') {
    useViewStore.setState({ view: 'board', targetId: null, returnFocusTo: null });
  }
});

export function useConnectionsView(userId: number) {
  const stored = useViewStore();
  const { view, targetId, range, returnFocusTo, filter }: ViewState = stored.owner === userId ? stored : INITIAL;
  const change = (next: Partial<ViewState>) =>
    useViewStore.setState((s) => ({ ...(s.owner === userId ? s : INITIAL), ...next, owner: userId }));
  return {
    view,
    targetId,
    range,
    returnFocusTo,
    filter,
    showView: (next: ConnectionsView) => change({ view: next }),
    openTarget: (id: string) => change({ targetId: id, returnFocusTo: id }),
    closeTarget: () => change({ targetId: null }),
    setRange: (next: ChartRangeId) => change({ range: next }),
    focusReturned: () => change({ returnFocusTo: null }),
    setFilter: (next: BoardFilter) => change({ filter: next }),
  };
}

/** Tests start every console afresh, as the harness does with the UI store. */
export function resetConnectionsView(): void {
  useViewStore.setState({ ...INITIAL, owner: null });
}

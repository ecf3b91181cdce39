import { create } from 'zustand';
import type { ChartRangeId } from '../../../src-shared/monitoring';

export type ConnectionsView = 'board' | 'setup';

interface ViewState {
  view: ConnectionsView;
  /** The target whose detail is open in place of the board; null: the board itself. */
  targetId: string | null;
  range: ChartRangeId;
  /** The tile that opened the last detail: focus goes back to it when the board shows again. */
  returnFocusTo: string | null;
}

const INITIAL: ViewState = { view: 'board', targetId: null, range: '24h', returnFocusTo: null };

/**
 * Where a person is on the Connections screen, kept outside the screen so
 * going to Audit and back (or through the lock screen) finds it as it was.
 * It belongs to one account: the next person to sign in at a shared wall
 * display starts on the board, not in the detail the last one left open.
 */
const useViewStore = create<ViewState & { owner: number | null }>()(() => ({ ...INITIAL, owner: null }));

export function useConnectionsView(userId: number) {
  const stored = useViewStore();
  const { view, targetId, range, returnFocusTo }: ViewState = stored.owner === userId ? stored : INITIAL;
  const change = (next: Partial<ViewState>) =>
    useViewStore.setState((s) => ({ ...(s.owner === userId ? s : INITIAL), ...next, owner: userId }));
  return {
    view,
    targetId,
    range,
    returnFocusTo,
    showView: (next: ConnectionsView) => change({ view: next }),
    openTarget: (id: string) => change({ targetId: id, returnFocusTo: id }),
    closeTarget: () => change({ targetId: null }),
    setRange: (next: ChartRangeId) => change({ range: next }),
    focusReturned: () => change({ returnFocusTo: null }),
  };
}

/** Tests start every console afresh, as the harness does with the UI store. */
export function resetConnectionsView(): void {
  useViewStore.setState({ ...INITIAL, owner: null });
}

import { create } from 'zustand';
import { useUiStore } from '../../state/ui-store';

export type RunbooksTab = 'runbooks' | 'history' | 'approvals' | 'decisions';

/** In place of the tabs: one run as it happens, or an admin editing a runbook's YAML (runbookId null: a new one). */
export type RunbooksFocus = { kind: 'run'; runId: string } | { kind: 'edit'; runbookId: string | null } | null;

interface ViewState {
  tab: RunbooksTab;
  focus: RunbooksFocus;
}

const INITIAL: ViewState = { tab: 'runbooks', focus: null };

/**
 * Where a person is on the Runbooks screen, kept outside it so going to
 * another screen and back, the lock screen, or the frame drawn again finds
 * the run they were watching. It belongs to one account, as on Connections.
 */
const useViewStore = create<ViewState & { owner: number | null }>()(() => ({ ...INITIAL, owner: null }));

// Following the Runbooks link while on Runbooks leads back to the list.
useUiStore.subscribe((state, previous) => {
  if (state.revisit !== previous.revisit && state.revisit?.screen === 'runbooks') useViewStore.setState({ focus: null });
});

export function useRunbooksView(userId: number) {
  const stored = useViewStore();
  const { tab, focus }: ViewState = stored.owner === userId ? stored : INITIAL;
  const change = (next: Partial<ViewState>) => useViewStore.setState((s) => ({ ...(s.owner === userId ? s : INITIAL), ...next, owner: userId }));
  return {
    tab,
    focus,
    showTab: (next: RunbooksTab) => change({ tab: next }),
    setFocus: (next: RunbooksFocus) => change({ focus: next }),
  };
}

/** Tests start every console afresh. */
export function resetRunbooksView(): void {
  useViewStore.setState({ ...INITIAL, owner: null });
}

import { create } from 'zustand';
import type { Category, Priority } from '../../../src-shared/tickets';

/** The view every queue starts on: every open ticket, most urgent first. */
export const ALL_OPEN_VIEW = 'all_open';

interface TriageState {
  viewId: string;
  /** Words searched; applied once typing pauses. */
  text: string;
  priority: Priority | null;
  category: Category | null;
  /** The tickets ticked (x) for a bulk action, by id. */
  picked: ReadonlySet<string>;
  /** The ticket whose details are open. */
  openId: string | null;
  showView(viewId: string): void;
  setText(text: string): void;
  setPriority(priority: Priority | null): void;
  setCategory(category: Category | null): void;
  togglePicked(id: string): void;
  clearPicked(): void;
  open(id: string | null): void;
}

/** What the Triage screen is showing; kept while the person visits another screen and comes back. */
export const useTriageStore = create<TriageState>()((set) => ({
  viewId: ALL_OPEN_VIEW,
  text: '',
  priority: null,
  category: null,
  picked: new Set(),
  openId: null,
  showView: (viewId) => set({ viewId, picked: new Set() }),
  setText: (text) => set({ text }),
  setPriority: (priority) => set({ priority }),
  setCategory: (category) => set({ category }),
  togglePicked: (id) =>
    set(({ picked }) => {
      const next = new Set(picked);
      if (!next.delete(id)) next.add(id);
      return { picked: next };
    }),
  clearPicked: () => set({ picked: new Set() }),
  open: (openId) => set({ openId }),
}));

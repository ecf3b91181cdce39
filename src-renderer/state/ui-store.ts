import { create } from 'zustand';
import type { AuditFilters } from '../api/query-keys';
import type { ScreenId } from '../frame/screens';

interface UiState {
  /** The screen asked for; the frame falls back to the first one the role may see. */
  screen: ScreenId | null;
  auditFilters: AuditFilters;
  /** The connection whose details are open; the first one when none was picked (or it is gone). */
  connectionId: number | null;
  /** The navigation's link to the screen already shown was followed (a new object each time): back to that screen's start. */
  revisit: { screen: ScreenId } | null;
  showScreen(screen: ScreenId): void;
  revisitScreen(screen: ScreenId): void;
  setAuditFilters(filters: AuditFilters): void;
  selectConnection(id: number): void;
  /** A different person is about to sign in: forget where the last one was. */
  reset(): void;
}

export const useUiStore = create<UiState>()((set) => ({
  screen: null,
  auditFilters: {},
  connectionId: null,
  revisit: null,
  showScreen: (screen) => set({ screen }),
  revisitScreen: (screen) => set({ revisit: { screen } }),
  setAuditFilters: (auditFilters) => set({ auditFilters }),
  selectConnection: (connectionId) => set({ connectionId }),
  reset: () => set({ screen: null, auditFilters: {}, connectionId: null }),
}));

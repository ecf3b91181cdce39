import { create } from 'zustand';
import type { AuditFilters } from '../api/query-keys';
import type { ScreenId } from '../frame/screens';

interface UiState {
  /** The screen asked for; the frame falls back to the first one the role may see. */
  screen: ScreenId | null;
  auditFilters: AuditFilters;
  showScreen(screen: ScreenId): void;
  setAuditFilters(filters: AuditFilters): void;
  /** A different person is about to sign in: forget where the last one was. */
  reset(): void;
}

export const useUiStore = create<UiState>()((set) => ({
  screen: null,
  auditFilters: {},
  showScreen: (screen) => set({ screen }),
  setAuditFilters: (auditFilters) => set({ auditFilters }),
  reset: () => set({ screen: null, auditFilters: {} }),
}));

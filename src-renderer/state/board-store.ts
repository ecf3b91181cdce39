import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Grouping } from '../screens/board/board-groups';

export type Density = 'comfortable' | 'compact';

interface BoardLook {
  /** Compact tiles fit a wall of hundreds of targets on one screen. */
  density: Density;
  grouping: Grouping;
  setDensity(density: Density): void;
  setGrouping(grouping: Grouping): void;
}

/**
 * How this screen lays the status board out. It belongs to the screen, not
 * to whoever signs in (a wall stays compact and grouped by site), so it is
 * kept across reloads and sign-ins, like the theme.
 */
export const useBoardStore = create<BoardLook>()(
  persist(
    (set) => ({
      density: 'comfortable',
      grouping: 'none',
      setDensity: (density) => set({ density }),
      setGrouping: (grouping) => set({ grouping }),
    }),
    { name: 'vigil.board', storage: createJSONStorage(() => localStorage) },
  ),
);

import { useState } from 'react';

/**
 * The picked item of a list that changes under it. It is held by id, so a
 * new alert arriving on top does not shift it; when the picked one leaves
 * the list (resolved under the Active filter) the one now in its place is
 * picked, as a mail reader moves on after archiving.
 */
export function useListSelection<T extends { id: string }>(list: readonly T[]) {
  const [picked, setPicked] = useState<{ id: string; index: number } | null>(null);
  const found = picked ? list.findIndex((item) => item.id === picked.id) : -1;
  const index = picked === null || list.length === 0 ? -1 : found >= 0 ? found : Math.min(picked.index, list.length - 1);
  const selected = index >= 0 ? (list[index] ?? null) : null;

  function select(item: T): void {
    setPicked({ id: item.id, index: list.indexOf(item) });
  }

  /** The item `delta` rows away from the selection, held at the ends; the first one when nothing is picked yet. */
  function step(delta: number): T | null {
    if (list.length === 0) return null;
    const next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + delta));
    return list[next] ?? null;
  }

  return { selected, select, step };
}

import { useEffect, useState } from 'react';

type Place = { name: string } | { id: string };

/**
 * Focus for a list of rows someone edits: after a removal it goes to the
 * control named `controlOf(index)` of the row now in the removed one's
 * place (the one before, at the end), or to the element with id `emptyId`
 * when no row is left, so a keyboard user never lands back at the top of
 * the page. Returns what removes a row and moves focus so.
 */
export function useFocusAfterRemoval(controlOf: (index: number) => string, emptyId?: string) {
  // A fresh object per request, so the same place asked for twice is focused twice.
  const [focus, setFocus] = useState<Place | null>(null);
  useEffect(() => {
    if (!focus) return;
    const target = 'id' in focus ? document.getElementById(focus.id) : document.getElementsByName(focus.name)[0];
    target?.focus();
  }, [focus]);
  return (remove: (index: number) => void, index: number, count: number) => {
    remove(index);
    const neighbour = index < count - 1 ? index : index - 1;
    if (neighbour >= 0) setFocus({ name: controlOf(neighbour) });
    else if (emptyId) setFocus({ id: emptyId });
  };
}

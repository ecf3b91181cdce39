import { useMemo, useState } from 'react';
import type { BoardTile } from '../../../src-shared/monitoring';
import { heldOrder, worstFirst } from './board-order';

/**
 * The tiles worst first, except while `held`: then each keeps the place it
 * had when the hold began (a change shows in place) and they are put in
 * order again once it ends. `moved` says that the order shown is not the
 * current one.
 */
export function useHeldOrder(tiles: readonly BoardTile[], held: boolean): { ordered: BoardTile[]; moved: boolean } {
  const fresh = useMemo(() => worstFirst(tiles), [tiles]);
  // The order to keep, taken from what was shown when the hold began (React's "information from previous renders").
  const [kept, setKept] = useState<string[] | null>(null);
  if (held && kept === null) setKept(fresh.map((t) => t.targetId));
  if (!held && kept !== null) setKept(null);
  const ordered = useMemo(() => (held && kept ? heldOrder(kept, tiles) : fresh), [held, kept, tiles, fresh]);
  // A tile that arrived during the hold keeps the place it was given too.
  if (held && kept && ordered.length > kept.length) setKept(ordered.map((t) => t.targetId));
  const moved = useMemo(() => ordered !== fresh && ordered.some((t, i) => t !== fresh[i]), [ordered, fresh]);
  return { ordered, moved };
}

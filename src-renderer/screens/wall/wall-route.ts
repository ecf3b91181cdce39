import { useSyncExternalStore } from 'react';

/** The address a wall's browser opens: it shows the pairing screen, then the wall, never the console. */
export const WALL_HASH = '#/display';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useIsWallRoute(): boolean {
  return useSyncExternalStore(subscribe, () => window.location.hash === WALL_HASH);
}

import { useEffect } from 'react';
import type { Role } from '../../src-shared/roles';
import { useUiStore } from '../state/ui-store';
import { parseScreenHash, resolveScreen, screenHref, type Screen } from './screens';

/**
 * The screen shown: what the hash asks for, if this role may see it. The
 * hash is read into the UI store (so a lock screen, which unmounts the frame,
 * loses nothing) and then corrected to what is really shown.
 */
export function useHashScreen(role: Role): Screen {
  const wanted = useUiStore((s) => s.screen);
  const showScreen = useUiStore((s) => s.showScreen);

  useEffect(() => {
    const follow = () => {
      const asked = parseScreenHash(window.location.hash);
      if (asked) showScreen(resolveScreen(role, asked).id);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [role, showScreen]);

  // Before the first hash read lands in the store, read it directly so the
  // first render already shows the right screen.
  const current = resolveScreen(role, wanted ?? parseScreenHash(window.location.hash));
  useEffect(() => {
    const href = screenHref(current.id);
    if (window.location.hash !== href) window.history.replaceState(null, '', href);
  }, [current.id]);
  return current;
}

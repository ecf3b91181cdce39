import { useEffect, useRef } from 'react';

/** Controls that use Escape themselves (clearing a search box, closing a list) keep it. */
const OWNS_ESCAPE = 'input:not([type="checkbox"]):not([type="radio"]), select, textarea';

/**
 * Escape anywhere on the page runs `onEscape`, unless a dialog is open (it
 * closes itself first) or focus is in a control that uses the key.
 */
export function useEscape(onEscape: () => void): void {
  const latest = useRef(onEscape);
  useEffect(() => {
    latest.current = onEscape;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.target instanceof Element && event.target.closest(OWNS_ESCAPE)) return;
      latest.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

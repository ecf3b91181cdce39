import { useEffect, useEffectEvent } from 'react';

const TEXT_ENTRY = 'textarea, select, [contenteditable=""], [contenteditable="true"], input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"])';

/** Whether a key pressed on this element is the element's own: typing, arrows in a radio group, Enter on a button. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(TEXT_ENTRY)) return true;
  if (key.startsWith('Arrow') && target.closest('input')) return true;
  return key === 'Enter' && target.closest('button, a[href], input, summary') !== null;
}

/** Keys typed with Shift that are characters of their own ('?'), not a shifted shortcut. */
const SHIFTED_CHARACTERS = new Set(['?']);

/**
 * A list screen's single-key shortcuts, from `keys` (the key as
 * KeyboardEvent.key names it, to an action). Keys typed into a field,
 * with a modifier held, or while a dialog is open are left alone.
 * `onKey` says whether it used the key; only then is its default stopped.
 */
export function useShortcutKeys<A>(keys: Readonly<Record<string, A>>, onKey: (action: A) => boolean): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.shiftKey && !SHIFTED_CHARACTERS.has(event.key)) return;
    const action = keys[event.key];
    if (action === undefined || ownsKey(event.target, event.key)) return;
    if (document.querySelector('dialog[open]')) return;
    if (onKey(action)) event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => handle(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}

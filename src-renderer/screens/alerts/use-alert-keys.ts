import { useEffect, useEffectEvent } from 'react';

export type AlertKeyAction = 'next' | 'previous' | 'acknowledge' | 'unacknowledge' | 'resolve' | 'open' | 'close';

const KEYS: Record<string, AlertKeyAction> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  a: 'acknowledge',
  u: 'unacknowledge',
  r: 'resolve',
  Enter: 'open',
  Escape: 'close',
};

const TEXT_ENTRY = 'textarea, select, [contenteditable=""], [contenteditable="true"], input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"])';

/** Whether a key pressed on this element is the element's own: typing, arrows in a radio group, Enter on a button. */
function ownsKey(target: EventTarget | null, action: AlertKeyAction, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(TEXT_ENTRY)) return true;
  if (key.startsWith('Arrow') && target.closest('input')) return true;
  return action === 'open' && target.closest('button, a[href], input, summary') !== null;
}

/**
 * The list's keyboard: j/k or the arrows move, a acknowledges (a SEV1 once
 * Enter confirms it), u takes an acknowledgement back, r resolves, Enter
 * opens the details and Escape closes them. Keys typed into a field,
 * with a modifier held, or while a dialog is open are left alone.
 * `onKey` says whether it used the key; only then is its default stopped.
 */
export function useAlertKeys(onKey: (action: AlertKeyAction) => boolean): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const action = KEYS[event.key];
    if (!action || ownsKey(event.target, action, event.key)) return;
    if (document.querySelector('dialog[open]')) return;
    if (onKey(action)) event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => handle(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}

import { useShortcutKeys } from '../../lib/use-shortcut-keys';

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

/**
 * The list's keyboard: j/k or the arrows move, a acknowledges (a SEV1 once
 * Enter confirms it), u takes an acknowledgement back, r resolves, Enter
 * opens the details and Escape closes them.
 */
export function useAlertKeys(onKey: (action: AlertKeyAction) => boolean): void {
  useShortcutKeys(KEYS, onKey);
}

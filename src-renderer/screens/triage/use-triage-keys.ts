import { useShortcutKeys } from '../../lib/use-shortcut-keys';

export type TriageAction = 'assign' | 'escalate' | 'priority' | 'status' | 'comment';
export type TriageKey = TriageAction | 'next' | 'previous' | 'open' | 'close' | 'search' | 'pick' | 'help';

export const TRIAGE_KEYS: Readonly<Record<string, TriageKey>> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  Enter: 'open',
  Escape: 'close',
  a: 'assign',
  e: 'escalate',
  p: 'priority',
  s: 'status',
  c: 'comment',
  '/': 'search',
  x: 'pick',
  '?': 'help',
};

/** What each key does, for the help the ? key shows; assign, status and priority act on the ticked tickets when some are. */
export const TRIAGE_KEY_HELP: { keys: string[]; does: string }[] = [
  { keys: ['j', '↓'], does: 'next ticket' },
  { keys: ['k', '↑'], does: 'previous ticket' },
  { keys: ['Enter'], does: 'open its details' },
  { keys: ['Esc'], does: 'close the details' },
  { keys: ['x'], does: 'tick or untick it (for a bulk action)' },
  { keys: ['a'], does: 'assign to me (the ticked ones, if any)' },
  { keys: ['s'], does: 'set status (the ticked ones, if any)' },
  { keys: ['p'], does: 'set priority (the ticked ones, if any)' },
  { keys: ['e'], does: 'escalate a tier' },
  { keys: ['c'], does: 'comment' },
  { keys: ['/'], does: 'search' },
  { keys: ['?'], does: 'show or hide these keys' },
];

export function useTriageKeys(onKey: (key: TriageKey) => boolean): void {
  useShortcutKeys(TRIAGE_KEYS, onKey);
}

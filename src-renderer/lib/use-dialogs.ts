import { useCallback, useEffect, useState } from 'react';

/** Long enough to read from across the room, short enough not to be mistaken for the present state. */
export const DONE_MESSAGE_MS = 12_000;

/**
 * "Created bo (NOC operator)" and the like: what the last action did. It
 * goes away by itself after a while, and at once when the next action
 * starts (call clear), so it never describes something older than what is
 * on screen.
 */
export function useDoneMessage(timeoutMs = DONE_MESSAGE_MS) {
  // A fresh object per message, so the same words said again get their full time again.
  const [shown, setShown] = useState<{ text: string } | null>(null);
  useEffect(() => {
    if (shown === null) return;
    const timer = setTimeout(() => setShown(null), timeoutMs);
    return () => clearTimeout(timer);
  }, [shown, timeoutMs]);
  const show = useCallback((text: string) => setShown({ text }), []);
  const clear = useCallback(() => setShown(null), []);
  return { message: shown?.text ?? null, show, clear };
}

/**
 * A screen's one open dialog (or none) and what the last one did. Opening
 * the next dialog clears the old news; finishing one closes it and says
 * what it did.
 */
export function useDialogs<D>() {
  const [dialog, setDialog] = useState<D | null>(null);
  const done = useDoneMessage();
  return {
    dialog,
    done: done.message,
    clearDone: done.clear,
    open: (next: D) => {
      done.clear();
      setDialog(next);
    },
    close: () => setDialog(null),
    finish: (message: string) => {
      setDialog(null);
      done.show(message);
    },
  };
}

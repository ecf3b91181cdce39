import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { Button } from './Button';
import type { IconName } from './Icon';

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page
 * behind inert and closes on Escape. Mount it to open it, unmount to close;
 * focus goes back to whatever opened it.
 */
export function Dialog({ title, onClose, wide = false, children }: { title: string; onClose: () => void; wide?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Let React decide: the dialog closes by unmounting, not behind its back.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** A form dialog's two ways out: Cancel, then the button that submits the form (last, where the eye ends). */
export function FormDialogActions({ onCancel, pending, icon, children }: { onCancel: () => void; pending: boolean; icon?: IconName; children: ReactNode }) {
  return (
    <div className="dialog-actions">
      <Button onClick={onCancel}>Cancel</Button>
      <Button type="submit" variant="primary" icon={icon} pending={pending}>
        {children}
      </Button>
    </div>
  );
}

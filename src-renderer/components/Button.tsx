import type { ButtonHTMLAttributes, MouseEvent } from 'react';
import { Icon, type IconName } from './Icon';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  icon?: IconName;
  /** Shows a spinner and ignores presses, without moving focus off the button. */
  pending?: boolean;
}

/**
 * While pending the button stays focusable (a disabled button would drop
 * keyboard focus to the page) and keeps its size: the spinner takes the
 * icon's place, or covers the label, which stays as the accessible name.
 */
export function Button({ variant = 'secondary', icon, pending = false, className, children, onClick, type, ...rest }: ButtonProps) {
  const guardedClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (pending) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      type={type ?? 'button'}
      className={['button', `button-${variant}`, className].filter(Boolean).join(' ')}
      aria-disabled={pending || undefined}
      aria-busy={pending || undefined}
      onClick={guardedClick}
      {...rest}
    >
      {pending && icon ? <span className="spinner" aria-hidden="true" /> : icon && <Icon name={icon} />}
      <span className="button-label">{children}</span>
      {pending && !icon && <span className="spinner spinner-over" aria-hidden="true" />}
    </button>
  );
}

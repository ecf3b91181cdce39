import type { ButtonHTMLAttributes } from 'react';
import { Icon, type IconName } from './Icon';

interface SwitchProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange' | 'role'> {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  icon?: IconName;
  /** The change is on its way: presses are ignored, focus stays. */
  pending?: boolean;
}

/**
 * An on/off button with a fixed name, so its state is in aria-checked and
 * not in a changing label; the On/Off pill says it in words for the eye.
 */
export function Switch({ label, checked, onChange, icon, pending = false, className, ...rest }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-busy={pending || undefined}
      className={['button', 'button-secondary', 'switch', className].filter(Boolean).join(' ')}
      onClick={() => {
        if (!pending) onChange(!checked);
      }}
      {...rest}
    >
      {pending ? <span className="spinner" aria-hidden="true" /> : icon && <Icon name={icon} />}
      <span>{label}</span>
      <span className="switch-state" aria-hidden="true">
        {checked ? 'On' : 'Off'}
      </span>
    </button>
  );
}

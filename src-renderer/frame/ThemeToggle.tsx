import { Icon } from '../components/Icon';
import { useThemeStore } from '../state/theme-store';

/** A switch with a fixed name, so its state is in aria-checked and not in a changing label. */
export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const toggle = useThemeStore((s) => s.toggle);
  const light = theme === 'light';
  return (
    <button type="button" role="switch" aria-checked={light} className="button button-secondary theme-toggle" onClick={toggle}>
      <Icon name={light ? 'sun' : 'moon'} />
      <span>Light theme</span>
      <span className="switch-state" aria-hidden="true">
        {light ? 'On' : 'Off'}
      </span>
    </button>
  );
}

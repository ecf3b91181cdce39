import { Switch } from '../components/Switch';
import { useThemeStore } from '../state/theme-store';

export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const toggle = useThemeStore((s) => s.toggle);
  const light = theme === 'light';
  return <Switch label="Light theme" icon={light ? 'sun' : 'moon'} checked={light} onChange={toggle} />;
}

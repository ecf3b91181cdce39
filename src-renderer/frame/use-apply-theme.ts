import { useEffect } from 'react';
import { useThemeStore } from '../state/theme-store';

/** The stylesheet keys its colours off <html data-theme>. */
export function useApplyTheme(): void {
  const theme = useThemeStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

import type { ReactNode } from 'react';
import { ThemeToggle } from '../../frame/ThemeToggle';

/** The frame for everything before the app: setup, sign-in, lock, connection trouble. */
export function AuthLayout({ title, intro, children, footer, quiet = false }: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Fade in late: a screen that usually lasts a blink should not flash. */
  quiet?: boolean;
}) {
  return (
    <div className={quiet ? 'auth-page auth-page-quiet' : 'auth-page'}>
      <header className="auth-header">
        <span className="brand">Vigil</span>
        <ThemeToggle />
      </header>
      <main className="auth-card">
        <h1>{title}</h1>
        {intro && <div className="auth-intro">{intro}</div>}
        {children}
      </main>
      {footer && <footer className="auth-footer">{footer}</footer>}
    </div>
  );
}

import type { ReactNode } from 'react';
import { ThemeToggle } from '../../frame/ThemeToggle';

/** The frame for everything before the app: setup, sign-in, lock, connection trouble. */
export function AuthLayout({ title, intro, children, footer }: { title: string; intro?: ReactNode; children?: ReactNode; footer?: ReactNode }) {
  return (
    <div className="auth-page">
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

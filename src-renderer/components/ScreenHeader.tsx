import type { ReactNode } from 'react';

/** The top of a screen: where you are, what it is, and its main actions. */
export function ScreenHeader({ title, eyebrow, intro, actions }: { title: string; eyebrow?: string; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="screen-header">
      <div>
        {eyebrow && <p className="eyebrow">{eyebrow}</p>}
        {/* Focusable from script only: the frame moves focus here on navigation. */}
        <h1 tabIndex={-1}>{title}</h1>
        {intro && <div className="screen-intro">{intro}</div>}
      </div>
      {actions && <div className="screen-actions">{actions}</div>}
    </div>
  );
}

import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Tone = 'error' | 'success' | 'info' | 'warning';

const ICONS: Record<Tone, IconName> = { error: 'warning', success: 'check', info: 'info', warning: 'warning' };

/**
 * A message box with an icon and words (never colour alone). Errors are
 * alerts so they are announced at once; the rest are polite status updates.
 * Inside a live region of its own (live={false}) it is just the box.
 */
export function Notice({ tone, title, live = true, children }: { tone: Tone; title?: string; live?: boolean; children?: ReactNode }) {
  const role = !live ? undefined : tone === 'error' ? 'alert' : 'status';
  return (
    <div className={`notice notice-${tone}`} role={role}>
      <Icon name={ICONS[tone]} />
      <div>
        {title && <p className="notice-title">{title}</p>}
        {children && <div className="notice-body">{children}</div>}
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Tone = 'error' | 'success' | 'info' | 'warning';

const ICONS: Record<Tone, IconName> = { error: 'warning', success: 'check', info: 'info', warning: 'warning' };

/**
 * A message box with an icon and words (never colour alone). Errors are
 * alerts so they are announced at once; the rest are polite status updates.
 */
export function Notice({ tone, title, children }: { tone: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={ICONS[tone]} />
      <div>
        {title && <p className="notice-title">{title}</p>}
        {children && <div className="notice-body">{children}</div>}
      </div>
    </div>
  );
}

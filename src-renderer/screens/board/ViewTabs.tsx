import { useRef, type KeyboardEvent } from 'react';
import type { ConnectionsView } from './view-store';

const TABS: { id: ConnectionsView; label: string }[] = [
  { id: 'board', label: 'Status board' },
  { id: 'setup', label: 'Setup & diagnostics' },
];

const tabId = (id: ConnectionsView) => `connections-tab-${id}`;
const panelId = (id: ConnectionsView) => `connections-panel-${id}`;

/** The attributes of the panel a tab shows. */
export function tabPanelProps(id: ConnectionsView) {
  return { role: 'tabpanel', id: panelId(id), 'aria-labelledby': tabId(id) } as const;
}

/**
 * The two views of the Connections screen as tabs (the WAI-ARIA pattern):
 * one tab stop, the arrow keys, Home and End move along and show the view
 * at once, since showing one costs nothing.
 */
export function ViewTabs({ view, onChange }: { view: ConnectionsView; onChange: (view: ConnectionsView) => void }) {
  const list = useRef<HTMLDivElement>(null);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.findIndex((t) => t.id === view);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length] as (typeof TABS)[number];
    onChange(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`#${tabId(tab.id)}`)?.focus();
  };

  return (
    <div ref={list} role="tablist" aria-label="Connections views" className="view-tabs" onKeyDown={move}>
      {TABS.map((t) => {
        const selected = t.id === view;
        return (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            className="view-tab"
            aria-selected={selected}
            // Only the shown panel exists, so only its tab points at it.
            aria-controls={selected ? panelId(t.id) : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(t.id)}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}

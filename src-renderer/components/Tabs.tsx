import { useRef, type KeyboardEvent } from 'react';

export type TabDef<V extends string> = { id: V; label: string };

const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

/** The attributes of the panel the current tab shows. */
export function tabPanelProps(prefix: string, id: string) {
  return { role: 'tabpanel', id: panelId(prefix, id), 'aria-labelledby': tabId(prefix, id) } as const;
}

/** Views as tabs (the WAI-ARIA pattern): one tab stop; arrows, Home and End move along and show the view at once. */
export function Tabs<V extends string>({ label, idPrefix, tabs, current, onChange }: { label: string; idPrefix: string; tabs: TabDef<V>[]; current: V; onChange: (view: V) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === current);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length] as TabDef<V>;
    onChange(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`#${tabId(idPrefix, tab.id)}`)?.focus();
  };
  return (
    <div ref={list} role="tablist" aria-label={label} className="view-tabs" onKeyDown={move}>
      {tabs.map((t) => {
        const selected = t.id === current;
        return (
          <button
            key={t.id}
            id={tabId(idPrefix, t.id)}
            type="button"
            role="tab"
            className="view-tab"
            aria-selected={selected}
            aria-controls={selected ? panelId(idPrefix, t.id) : undefined}
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

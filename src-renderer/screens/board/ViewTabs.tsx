import { Tabs, tabPanelProps as panelProps } from '../../components/Tabs';
import type { ConnectionsView } from './view-store';

const TABS: { id: ConnectionsView; label: string }[] = [
  { id: 'board', label: 'Status board' },
  { id: 'setup', label: 'Setup & diagnostics' },
];

/** The attributes of the panel a tab shows. */
export function tabPanelProps(id: ConnectionsView) {
  return panelProps('connections', id);
}

/** The two views of the Connections screen as tabs; showing one costs nothing, so the arrows show it at once. */
export function ViewTabs({ view, onChange }: { view: ConnectionsView; onChange: (view: ConnectionsView) => void }) {
  return <Tabs label="Connections views" idPrefix="connections" tabs={TABS} current={view} onChange={onChange} />;
}

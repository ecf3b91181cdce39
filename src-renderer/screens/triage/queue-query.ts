import type { SavedView } from '../../../src-shared/tickets';
import type { TicketQuery } from '../../api/query-keys';
import { ALL_OPEN_VIEW } from './triage-store';

export const ALL_OPEN: SavedView = { id: ALL_OPEN_VIEW, name: 'All open', filter: { status: 'open' }, sort: 'urgency', builtIn: true };

/** A view narrowed by what the filters bar says: its words, and a priority or category in place of the view's. */
export function queueQuery(view: SavedView, { text, priority, category }: { text: string; priority: string | null; category: string | null }): TicketQuery {
  const filter = { ...view.filter };
  if (text.trim() !== '') filter.text = text.trim();
  if (priority !== null) filter.priority = [priority as NonNullable<typeof filter.priority>[number]];
  if (category !== null) filter.category = [category as NonNullable<typeof filter.category>[number]];
  return { filter, sort: view.sort };
}

import { useState } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { ALERT_LIST_MAX } from '../../../src-shared/monitoring';
import { can } from '../../../src-shared/roles';
import { ScreenHeader } from '../../components/ScreenHeader';
import { DEFAULT_FILTERS, type AlertFilterChoice } from './alert-filters';
import { AlertFiltersBar } from './AlertFiltersBar';
import { AlertsList } from './AlertsList';
import { KeyboardHelp } from './KeyboardHelp';

export function AlertsScreen({ user }: { user: UserSummary }) {
  const [filters, setFilters] = useState<AlertFilterChoice>(DEFAULT_FILTERS);
  const canRespond = can(user.role, 'alerts.respond');
  return (
    <>
      <ScreenHeader
        title="Alerts"
        intro={
          canRespond
            ? 'What the monitor raised, newest first. Acknowledge an alert to say you are on it: its reminders stop. New alerts appear here as they open.'
            : 'What the monitor raised, newest first, and who is on each. New alerts appear here as they open.'
        }
      />
      <KeyboardHelp canRespond={canRespond} />
      <AlertFiltersBar value={filters} onChange={setFilters} />
      {filters.severities.length === 0 ? (
        <p className="empty-screen">No severity is ticked: tick at least one to see alerts.</p>
      ) : (
        <AlertsList filters={filters} canRespond={canRespond} onShowMore={() => setFilters({ ...filters, limit: ALERT_LIST_MAX })} />
      )}
    </>
  );
}

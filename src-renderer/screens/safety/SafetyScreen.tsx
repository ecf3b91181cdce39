import { useState } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { errorText } from '../../api/error-text';
import { can } from '../../../src-shared/roles';
import { useSafetyIncidents, useSafetyOverview, useSafetySettings } from '../../api/safety';
import { Button } from '../../components/Button';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { SelectField } from '../../components/Field';
import { ComplianceBreakdown } from './ComplianceBreakdown';
import { HistoryChart } from './HistoryChart';
import { IncidentCard } from './IncidentCard';
import { IndicatorCard } from './IndicatorCard';
import { MonthlyReport } from './MonthlyReport';
import { ScoreGauge } from './ScoreGauge';
import { SettingsDialog } from './SettingsDialog';

const FILTERS = { all: 'All incidents', open: 'Ongoing', unsigned: 'Awaiting sign-off' } as const;

function IncidentsQueue({ user }: { user: UserSummary }) {
  const [filter, setFilter] = useState<keyof typeof FILTERS>('all');
  const incidents = useSafetyIncidents(filter);
  return (
    <section className="panel safety-incidents" aria-labelledby="incidents-title">
      <div className="panel-head">
        <h2 id="incidents-title">Safety incidents</h2>
        <SelectField label="Show" value={filter} onChange={(e) => setFilter(e.target.value as keyof typeof FILTERS)} className="no-print">
          {Object.entries(FILTERS).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      {incidents.error && <Notice tone="error">{errorText(incidents.error)}</Notice>}
      {incidents.data &&
        (incidents.data.incidents.length === 0 ? (
          <p>No incidents {filter === 'all' ? 'yet' : 'here'}.</p>
        ) : (
          <ul className="incident-list">
            {incidents.data.incidents.map((i) => (
              <IncidentCard key={i.id} incident={i} user={user} />
            ))}
          </ul>
        ))}
    </section>
  );
}

/** The safety officer's screen: the score and why, the incidents to review and sign, compliance, history and the month's report. */
export function SafetyScreen({ user }: { user: UserSummary }) {
  const overview = useSafetyOverview();
  const manager = can(user.role, 'safety.manage');
  const settings = useSafetySettings(manager);
  const [editing, setEditing] = useState(false);
  return (
    <div className="screen safety-screen">
      <ScreenHeader
        title="Safety"
        intro="Patient safety: six indicators every 30 seconds, their weighted score, HIPAA compliance, and the incidents their violations opened."
        actions={
          manager &&
          settings.data && (
            <Button icon="pencil" onClick={() => setEditing(true)}>
              Thresholds and weights…
            </Button>
          )
        }
      />
      {editing && settings.data && <SettingsDialog version={settings.data.version} settings={settings.data.settings} onClose={() => setEditing(false)} />}
      {overview.error && <Notice tone="error" title="The safety score could not be read">{errorText(overview.error)}</Notice>}
      {overview.isPending && <LoadingLine label="Reading the safety score…" />}
      {overview.data && (
        <>
          <div className="safety-top">
            <ScoreGauge overview={overview.data} />
            <ul className="indicator-grid" aria-label="Indicators">
              {overview.data.indicators.map((i) => (
                <IndicatorCard key={i.id} indicator={i} />
              ))}
            </ul>
          </div>
          <IncidentsQueue user={user} />
          <ComplianceBreakdown compliance={overview.data.compliance} />
          <HistoryChart />
          <MonthlyReport />
        </>
      )}
    </div>
  );
}

import { Fragment } from 'react';
import type { AlertRuleSettings } from '../../../../src-shared/monitoring';
import { Notice } from '../../../components/Notice';
import { SeverityBadge } from '../../alerts/SeverityBadge';
import { daysText, DEGRADED_INTRO, DEGRADED_SEVERITY, KEY_ROTATION_INTRO, minutesText, TIERS_INTRO, tierSeverity, WHO_CAN_CHANGE } from './rules-words';
import { SeverityText } from './SeverityText';

/** The rules as they are, for those who may read but not change them. */
export function RulesReadOnly({ rules }: { rules: AlertRuleSettings }) {
  const tiers = [...rules.tlsExpiryDays].sort((a, b) => b - a);
  return (
    <>
      <Notice tone="info" live={false}>
        {WHO_CAN_CHANGE}
      </Notice>
      <section className="panel" aria-labelledby="tiers-title">
        <h2 id="tiers-title">Certificate expiry</h2>
        <p className="muted">{TIERS_INTRO}</p>
        <dl className="facts">
          {tiers.map((days) => (
            <Fragment key={days}>
              <dt>{daysText(days)} before expiry</dt>
              <dd>
                <SeverityText severity={tierSeverity(days)} />
              </dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="degraded-title">
        <h2 id="degraded-title">DEGRADED connections</h2>
        <p className="muted">{DEGRADED_INTRO}</p>
        <dl className="facts">
          <dt>Alert after DEGRADED for</dt>
          <dd>
            {minutesText(rules.degradedAfterMinutes)}, as <SeverityBadge severity={DEGRADED_SEVERITY} />
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="rotation-title">
        <h2 id="rotation-title">Signing keys</h2>
        <p className="muted">{KEY_ROTATION_INTRO}</p>
        <dl className="facts">
          <dt>Rotate signing keys after</dt>
          <dd>{daysText(rules.keyRotationDays)}</dd>
        </dl>
      </section>
    </>
  );
}

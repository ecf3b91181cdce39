import { SEVERITY_LEVELS, type Severity } from '../../../../src-shared/monitoring';
import { SeverityBadge } from '../../alerts/SeverityBadge';

/** "Alerts as SEV2, major impairment": the badge the Alerts screen will show, and what it means in words. */
export function SeverityText({ severity }: { severity: Severity }) {
  const meaning = SEVERITY_LEVELS[severity].meaning;
  return (
    <>
      Alerts as <SeverityBadge severity={severity} />, {meaning.charAt(0).toLowerCase()}
      {meaning.slice(1)}
    </>
  );
}

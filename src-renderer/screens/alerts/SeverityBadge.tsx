import { SEVERITY_LEVELS, type Severity } from '../../../src-shared/monitoring';

/**
 * A different shape per severity (octagon, triangle, circle), so the badge
 * reads without its colour, on a monochrome wall display or to someone who
 * cannot tell red from amber; the SEV word says it again.
 */
const SHAPES: Record<Severity, string> = {
  SEV1: 'M8 2h8l6 6v8l-6 6H8l-6-6V8zM12 7v6M12 16.5v.01',
  SEV2: 'M12 3l10 18H2L12 3zM12 10v5M12 18v.01',
  SEV3: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 11v6M12 7.5v.01',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity-${severity.toLowerCase()}`} title={SEVERITY_LEVELS[severity].meaning}>
      <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
        <path d={SHAPES[severity]} />
      </svg>
      <span>{severity}</span>
    </span>
  );
}

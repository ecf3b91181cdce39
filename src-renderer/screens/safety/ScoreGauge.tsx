import type { SafetyOverview } from '../../../src-shared/contract';
import { StatusLabel } from '../../components/StatusLabel';
import { localDateTime } from '../../lib/time';
import { LEVEL_ICON, LEVEL_TONE, levelWord, percent } from './safety-words';

const R = 80;
const LENGTH = Math.PI * R;

/**
 * The overall score as a half-circle gauge, its number and status word large
 * enough to read across a room; the colour repeats what the word says.
 * The marks on the arc are the warning and critical thresholds.
 */
export function ScoreGauge({ overview }: { overview: SafetyOverview }) {
  const score = overview.score;
  const level = score?.level ?? 'no_data';
  const value = score?.value ?? null;
  const mark = (t: number) => {
    const angle = Math.PI * (1 - t);
    return { x1: 100 + (R - 14) * Math.cos(angle), y1: 100 - (R - 14) * Math.sin(angle), x2: 100 + (R + 14) * Math.cos(angle), y2: 100 - (R + 14) * Math.sin(angle) };
  };
  return (
    <section className={`safety-gauge gauge-${level}`} aria-labelledby="safety-gauge-title">
      <h2 id="safety-gauge-title">Patient-safety score</h2>
      <div className="gauge-body">
        <svg viewBox="0 0 200 112" className="gauge-svg" aria-hidden="true">
          <path d={`M ${100 - R} 100 A ${R} ${R} 0 0 1 ${100 + R} 100`} className="gauge-track" />
          {value !== null && <path d={`M ${100 - R} 100 A ${R} ${R} 0 0 1 ${100 + R} 100`} className="gauge-value" strokeDasharray={`${LENGTH * value} ${LENGTH}`} />}
          <line {...mark(overview.overall.warning)} className="gauge-mark" />
          <line {...mark(overview.overall.critical)} className="gauge-mark gauge-mark-critical" />
        </svg>
        <p className="gauge-number">{percent(value)}</p>
        <p className="gauge-word">
          <StatusLabel tone={LEVEL_TONE[level]} icon={LEVEL_ICON[level]}>
            {levelWord(level)}
          </StatusLabel>
        </p>
      </div>
      <p className="gauge-note">
        {score ? (
          <>
            Evaluated {localDateTime(score.at)} under settings version {score.settingsVersion}. Warning below {percent(overview.overall.warning)}, critical below{' '}
            {percent(overview.overall.critical)}.
          </>
        ) : (
          'Not evaluated yet: the first evaluation runs within 30 seconds of start.'
        )}
      </p>
    </section>
  );
}

import type { IndicatorView } from '../../../src-shared/contract';
import { StatusLabel } from '../../components/StatusLabel';
import { directionWords, LEVEL_ICON, LEVEL_TONE, levelWord, percent, thresholdWords } from './safety-words';

/** The last hour as a small line (a gap where there was no data); its words are in the card, so it is decoration to a screen reader. */
export function Sparkline({ values }: { values: Array<number | null> }) {
  if (values.length < 2) return <svg className="sparkline" viewBox="0 0 100 24" aria-hidden="true" />;
  const step = 100 / (values.length - 1);
  let d = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'} ${(i * step).toFixed(2)} ${(22 - v * 20).toFixed(2)} `;
    drawing = true;
  });
  return (
    <svg className="sparkline" viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

export function IndicatorCard({ indicator }: { indicator: IndicatorView }) {
  const { level } = indicator;
  return (
    <li className={`indicator-card indicator-${level}`}>
      <h3>{indicator.label}</h3>
      <p className="indicator-value">{indicator.value === null ? 'No data' : percent(indicator.value)}</p>
      <StatusLabel tone={LEVEL_TONE[level]} icon={LEVEL_ICON[level]}>
        {levelWord(level)}
      </StatusLabel>
      <Sparkline values={indicator.spark} />
      <p className="indicator-detail">{indicator.reason ?? indicator.detail}</p>
      <p className="indicator-thresholds">
        {directionWords(indicator.direction)}. {thresholdWords(indicator.direction, indicator.warning, indicator.critical)}. Weight {indicator.weight}.
      </p>
    </li>
  );
}

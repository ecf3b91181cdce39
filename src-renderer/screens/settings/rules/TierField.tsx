import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { wholeNumber } from '../../../lib/rules';
import { DAY_BOUNDS, tierField, type TierDraft } from './rules-draft';
import { tierSeverity } from './rules-words';
import { SeverityText } from './SeverityText';

const DAYS_RULE = `Whole days, ${DAY_BOUNDS.min} to ${DAY_BOUNDS.max}.`;

/** What the tier gives as typed; until it is a number it can be, the rule for typing one. */
function TierHint({ days }: { days: string }) {
  const parsed = wholeNumber(days, DAY_BOUNDS.min, DAY_BOUNDS.max);
  return 'value' in parsed ? <SeverityText severity={tierSeverity(parsed.value)} /> : <>{DAYS_RULE}</>;
}

/** One certificate tier: its days before expiry, the severity they give, and Remove while more than one is left. */
export function TierField({ id, index, tier, error, onChange, onRemove }: {
  id: string;
  index: number;
  tier: TierDraft;
  error: string | undefined;
  onChange: (days: string) => void;
  onRemove: (() => void) | null;
}) {
  return (
    <div role="listitem" className="setting setting-number">
      <TextField
        id={id}
        label={`Tier ${index + 1}: days before expiry`}
        name={tierField(index)}
        inputMode="numeric"
        autoComplete="off"
        value={tier.days}
        hint={<TierHint days={tier.days} />}
        error={error}
        onChange={(event) => onChange(event.target.value)}
      />
      {onRemove && (
        <Button icon="trash" onClick={onRemove}>
          Remove<span className="visually-hidden"> tier {index + 1}</span>
        </Button>
      )}
    </div>
  );
}

import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import type { FieldBinding } from '../../../lib/forms';
import { DAY_BOUNDS, tierDays } from './rules-form';
import { tierSeverity } from './rules-words';
import { SeverityText } from './SeverityText';

const DAYS_RULE = `Whole days, ${DAY_BOUNDS.min} to ${DAY_BOUNDS.max}.`;

/** What the tier gives as typed; until it is a number it can be, the rule for typing one. */
function TierHint({ days }: { days: string }) {
  const read = tierDays.safeParse(days);
  return read.success ? <SeverityText severity={tierSeverity(read.data)} /> : <>{DAYS_RULE}</>;
}

/** One certificate tier: its days before expiry, the severity they give, and Remove while more than one is left. */
export function TierField({ index, days, field, onRemove }: {
  index: number;
  /** What the box holds now. */
  days: string;
  field: FieldBinding;
  onRemove: (() => void) | null;
}) {
  return (
    <div role="listitem" className="setting setting-number">
      <TextField label={`Tier ${index + 1}: days before expiry`} inputMode="numeric" autoComplete="off" hint={<TierHint days={days} />} {...field} />
      {onRemove && (
        <Button icon="trash" onClick={onRemove}>
          Remove<span className="visually-hidden"> tier {index + 1}</span>
        </Button>
      )}
    </div>
  );
}

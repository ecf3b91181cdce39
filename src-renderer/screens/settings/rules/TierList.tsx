import type { UseFieldArrayReturn } from 'react-hook-form';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';
import type { FieldBinding } from '../../../lib/forms';
import { useFocusAfterRemoval } from '../../../lib/use-list-focus';
import { MAX_TIERS, type RulesValues } from './rules-form';
import { TierField } from './TierField';

/**
 * The certificate tiers, each editable, with Add and Remove. Focus follows
 * the change: to a new tier's box, or after a removal to the tier now in
 * its place, so a keyboard user never lands back at the top of the page.
 */
export function TierList({ tiers, typed, field, listError }: {
  tiers: UseFieldArrayReturn<RulesValues, 'tlsExpiryDays'>;
  /** What each tier's box holds now, for its hint. */
  typed: { days?: string }[];
  field: (name: `tlsExpiryDays.${number}.days`) => FieldBinding;
  /** A problem with the list as a whole (main's, say). */
  listError: string | undefined;
}) {
  const { fields, append, remove } = tiers;
  const removeTier = useFocusAfterRemoval((i) => `tlsExpiryDays.${i}.days`);

  return (
    <div className="settings-list">
      {listError && <Notice tone="error">{listError}</Notice>}
      <div role="list" className="settings-list" aria-label="Certificate expiry tiers">
        {fields.map((tier, i) => (
          <TierField
            key={tier.id}
            index={i}
            days={typed[i]?.days ?? ''}
            field={field(`tlsExpiryDays.${i}.days`)}
            onRemove={fields.length > 1 ? () => removeTier(remove, i, fields.length) : null}
          />
        ))}
      </div>
      {/* A block of its own, so the button keeps its width in the column. */}
      <div>
        {fields.length < MAX_TIERS ? (
          // The new tier's box takes focus (react-hook-form's shouldFocus), ready to type.
          <Button icon="plus" onClick={() => append({ days: '' })}>
            Add a tier
          </Button>
        ) : (
          <p className="muted">{MAX_TIERS} tiers is the most: remove one to add another.</p>
        )}
      </div>
    </div>
  );
}

import { useEffect, useId, useState } from 'react';
import type { FieldErrors } from '../../../api/error-text';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';
import { FIELDS, MAX_TIERS, newTier, tierField, type TierDraft } from './rules-draft';
import { TierField } from './TierField';

/**
 * The certificate tiers, each editable, with Add and Remove. Focus follows
 * the change: to a new tier's box, or after a removal to the tier now in
 * its place, so a keyboard user never lands back at the top of the page.
 */
export function TierList({ tiers, errors, onChange }: { tiers: TierDraft[]; errors: FieldErrors; onChange: (tiers: TierDraft[]) => void }) {
  const idPrefix = useId();
  // A fresh object per request, so asking for the same tier twice focuses it twice.
  const [focus, setFocus] = useState<{ key: number } | null>(null);
  useEffect(() => {
    if (focus) document.getElementById(`${idPrefix}-${focus.key}`)?.focus();
  }, [focus, idPrefix]);

  function add() {
    const tier = newTier();
    onChange([...tiers, tier]);
    setFocus({ key: tier.key });
  }

  function remove(index: number) {
    const next = tiers.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[index] ?? next[index - 1];
    if (neighbour) setFocus({ key: neighbour.key });
  }

  return (
    <div className="settings-list">
      {errors[FIELDS.tiers] && <Notice tone="error">{errors[FIELDS.tiers]}</Notice>}
      <div role="list" className="settings-list" aria-label="Certificate expiry tiers">
        {tiers.map((tier, i) => (
          <TierField
            key={tier.key}
            id={`${idPrefix}-${tier.key}`}
            index={i}
            tier={tier}
            error={errors[tierField(i)]}
            onChange={(days) => onChange(tiers.map((t) => (t.key === tier.key ? { ...t, days } : t)))}
            onRemove={tiers.length > 1 ? () => remove(i) : null}
          />
        ))}
      </div>
      {/* A block of its own, so the button keeps its width in the column. */}
      <div>
        {tiers.length < MAX_TIERS ? (
          <Button icon="plus" onClick={add}>
            Add a tier
          </Button>
        ) : (
          <p className="muted">{MAX_TIERS} tiers is the most: remove one to add another.</p>
        )}
      </div>
    </div>
  );
}

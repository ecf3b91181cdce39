import { useId } from 'react';
import { z } from 'zod';
import { CHANNEL_NAMES } from '../../../src-shared/contract';
import type { AuditFilters } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { localTimeText } from '../../lib/form-fields';
import { useContractForm } from '../../lib/forms';
import { formatLocalTime, LOCAL_TIME_FORMAT } from '../../lib/time';

const optionalText = z.string().transform((text) => text.trim() || undefined);

/**
 * The filters as typed: names exact, times as the table writes them (To
 * takes in the whole minute or day typed), empty meaning "any"; only what
 * narrows anything is asked of audit.list.
 */
const filtersSchema = z
  .object({ actor: optionalText, action: optionalText, from: localTimeText('from'), to: localTimeText('to') })
  .refine((f) => f.from === undefined || f.to === undefined || f.to > f.from, { path: ['to'], message: 'The end is before the start' })
  .transform((f): AuditFilters => Object.fromEntries(Object.entries(f).filter(([, value]) => value !== undefined)));

const EMPTY = { actor: '', action: '', from: '', to: '' };

/**
 * Filters apply on submit, not per keystroke: each change refetches from
 * the start of the trail, and half-typed names match nothing useful.
 */
export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const actionsListId = useId();
  const { form, formProps, field } = useContractForm({
    schema: filtersSchema,
    defaultValues: {
      actor: filters.actor ?? '',
      action: filters.action ?? '',
      from: formatLocalTime(filters.from, 'from'),
      to: formatLocalTime(filters.to, 'to'),
    },
  });

  function clear() {
    form.reset(EMPTY);
    onApply({});
  }

  return (
    <form {...formProps(onApply)} className="filters" aria-label="Filter the audit trail">
      <TextField label="Actor" hint="Exact username" autoComplete="off" spellCheck={false} {...field('actor')} />
      <TextField label="Action" hint="Exact name, e.g. users.create" list={actionsListId} autoComplete="off" spellCheck={false} {...field('action')} />
      <datalist id={actionsListId}>
        {CHANNEL_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {/* Typed as the table shows times, not in the browser's locale order (a date-time input's "mm/dd/yyyy"). */}
      <TextField label="From" hint={LOCAL_TIME_FORMAT} autoComplete="off" spellCheck={false} {...field('from')} />
      <TextField label="To" hint={LOCAL_TIME_FORMAT} autoComplete="off" spellCheck={false} {...field('to')} />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button onClick={clear}>Clear filters</Button>
      </div>
    </form>
  );
}

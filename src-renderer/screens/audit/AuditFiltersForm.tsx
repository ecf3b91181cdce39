import { useId, useRef, type FormEvent } from 'react';
import { CHANNEL_NAMES } from '../../../src-shared/contract';
import type { AuditFilters } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { isoToLocalInput, localInputToIso } from '../../lib/format';
import { readForm, useFormErrors } from '../../lib/use-form-errors';

const FIELDS = ['actor', 'action', 'from', 'to'] as const;
const NO_MUTATION = { error: null, reset: () => {} };

function trimmed(value: string | undefined): string | undefined {
  const t = value?.trim();
  return t ? t : undefined;
}

/**
 * Filters apply on submit, not per keystroke: each change refetches from
 * the start of the trail, and half-typed names match nothing useful.
 */
export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const actionsListId = useId();
  const { errors, check } = useFormErrors(FIELDS, NO_MUTATION, formRef);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = readForm(event.currentTarget);
    const next: AuditFilters = {
      actor: trimmed(v.actor),
      action: trimmed(v.action),
      from: localInputToIso(v.from ?? ''),
      to: localInputToIso(v.to ?? ''),
    };
    const ok = check({
      to: next.from && next.to && next.to < next.from ? 'The end is before the start' : undefined,
    });
    if (ok) onApply(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined)));
  }

  function clear() {
    for (const name of FIELDS) {
      const input = formRef.current?.elements.namedItem(name);
      if (input instanceof HTMLInputElement) input.value = '';
    }
    check({});
    onApply({});
  }

  return (
    <form ref={formRef} className="filters" onSubmit={submit} noValidate aria-label="Filter the audit trail">
      <TextField label="Actor" name="actor" defaultValue={filters.actor ?? ''} autoComplete="off" spellCheck={false} error={errors.actor} />
      <TextField label="Action" name="action" defaultValue={filters.action ?? ''} list={actionsListId} autoComplete="off" spellCheck={false} error={errors.action} />
      <datalist id={actionsListId}>
        {CHANNEL_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <TextField label="From" name="from" type="datetime-local" defaultValue={isoToLocalInput(filters.from)} error={errors.from} />
      <TextField label="To" name="to" type="datetime-local" defaultValue={isoToLocalInput(filters.to)} error={errors.to} />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button onClick={clear}>Clear filters</Button>
      </div>
    </form>
  );
}

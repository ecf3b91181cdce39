import { useId, useRef, type FormEvent } from 'react';
import { CHANNEL_NAMES } from '../../../src-shared/contract';
import type { AuditFilters } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { formatLocalTime, LOCAL_TIME_FORMAT, LOCAL_TIME_PROBLEM, parseLocalTime } from '../../lib/time';
import { readForm, useFormErrors } from '../../lib/use-form-errors';

const FIELDS = ['actor', 'action', 'from', 'to'] as const;
const NO_MUTATION = { error: null, reset: () => {} };

function trimmed(value: string | undefined): string | undefined {
  const t = value?.trim();
  return t ? t : undefined;
}

/** A typed time as the contract's instant; a problem in words when it is not one. */
function readTime(text: string | undefined, edge: 'from' | 'to'): { at?: number; problem?: string } {
  const typed = trimmed(text);
  if (!typed) return {};
  const at = parseLocalTime(typed, edge);
  return at !== null ? { at } : { problem: LOCAL_TIME_PROBLEM };
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
    const from = readTime(v.from, 'from');
    const to = readTime(v.to, 'to');
    const next: AuditFilters = { actor: trimmed(v.actor), action: trimmed(v.action), from: from.at, to: to.at };
    const ok = check({
      from: from.problem,
      to: to.problem ?? (next.from !== undefined && next.to !== undefined && next.to <= next.from ? 'The end is before the start' : undefined),
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
      <TextField label="Actor" name="actor" defaultValue={filters.actor ?? ''} hint="Exact username" autoComplete="off" spellCheck={false} error={errors.actor} />
      <TextField
        label="Action"
        name="action"
        defaultValue={filters.action ?? ''}
        hint="Exact name, e.g. users.create"
        list={actionsListId}
        autoComplete="off"
        spellCheck={false}
        error={errors.action}
      />
      <datalist id={actionsListId}>
        {CHANNEL_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {/* Typed as the table shows times, not in the browser's locale order (a date-time input's "mm/dd/yyyy"). */}
      <TextField label="From" name="from" defaultValue={formatLocalTime(filters.from, 'from')} hint={LOCAL_TIME_FORMAT} autoComplete="off" spellCheck={false} error={errors.from} />
      <TextField label="To" name="to" defaultValue={formatLocalTime(filters.to, 'to')} hint={LOCAL_TIME_FORMAT} autoComplete="off" spellCheck={false} error={errors.to} />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button onClick={clear}>Clear filters</Button>
      </div>
    </form>
  );
}

import { useEffect, useState, type Ref } from 'react';
import { CATEGORIES, CATEGORY_LABELS, PRIORITIES, PRIORITY_LABELS, type Category, type Priority } from '../../../src-shared/tickets';
import { SelectField, TextField } from '../../components/Field';
import { formatCount } from '../../lib/format';

/** Typing is searched once it pauses this long, not at every key. */
const SEARCH_PAUSE_MS = 300;

/** The queue's words, priority and category, and how many tickets they match. */
export function TriageFilters({ text, priority, category, count, searchRef, onText, onPriority, onCategory }: {
  text: string;
  priority: Priority | null;
  category: Category | null;
  count: { total: number; exact: boolean } | undefined;
  onText: (text: string) => void;
  onPriority: (priority: Priority | null) => void;
  onCategory: (category: Category | null) => void;
  searchRef: Ref<HTMLInputElement>;
}) {
  const [typed, setTyped] = useState(text);
  useEffect(() => {
    if (typed === text) return;
    const timer = setTimeout(() => onText(typed), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, text, onText]);

  return (
    <div className="triage-filters" role="search">
      <TextField
        ref={searchRef}
        label="Search (/)"
        type="search"
        className="triage-search"
        value={typed}
        hint="Whole words in titles and descriptions"
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
      />
      <SelectField label="Priority" value={priority ?? ''} onChange={(event) => onPriority((event.target.value || null) as Priority | null)}>
        <option value="">As the view says</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {PRIORITY_LABELS[p]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Category" value={category ?? ''} onChange={(event) => onCategory((event.target.value || null) as Category | null)}>
        <option value="">As the view says</option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <p className="triage-count" aria-live="polite">
        {count === undefined ? 'Counting…' : `${formatCount(count.total)}${count.exact ? '' : '+'} ticket${count.total === 1 && count.exact ? '' : 's'}`}
      </p>
    </div>
  );
}

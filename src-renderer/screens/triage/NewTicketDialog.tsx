import { useEffect, useState } from 'react';
import { z } from 'zod';
import { newTicketSchema } from '../../../src-shared/contract/tickets';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  EMERGENCY_KINDS,
  EMERGENCY_LABELS,
  PRIORITIES,
  PRIORITY_LABELS,
  type Suggestion,
} from '../../../src-shared/tickets';
import type { KbArticleSummary } from '../../../src-shared/contract/kb';
import { useTicketAction, useTicketSuggestion } from '../../api/tickets';
import { Button } from '../../components/Button';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';

/** Suggestions are asked for once typing pauses this long. */
const SUGGEST_PAUSE_MS = 400;

/** The contract's new ticket, with "no emergency" as an empty choice. */
const formSchema = newTicketSchema
  .pick({ title: true, description: true, requester: true, priority: true, category: true })
  .extend({ emergency: z.union([z.literal(''), z.enum(EMERGENCY_KINDS)]) })
  .transform((v) => ({ ...v, emergency: v.emergency === '' ? null : v.emergency }));

type FormValues = z.input<typeof formSchema>;

function usePaused<T>(value: T): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SUGGEST_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/** One suggestion with its reasons and the button that applies it: nothing is applied unless the person says so. */
function SuggestionLine({ what, value, reasons, current, onApply }: { what: string; value: string; reasons: string[]; current: boolean; onApply: () => void }) {
  return (
    <li className="suggestion">
      <p>
        {what}: <strong>{value}</strong>
        {reasons.length > 0 && <span className="suggestion-why"> — {reasons.join('; ')}</span>}
      </p>
      {current ? (
        <span className="muted">In use</span>
      ) : (
        <Button onClick={onApply}>
          Use {what.toLowerCase()} {value}
        </Button>
      )}
    </li>
  );
}

function SuggestionsPanel({ suggestion, articles, values, apply }: {
  suggestion: Suggestion;
  articles: KbArticleSummary[];
  values: FormValues;
  apply: (field: 'priority' | 'category' | 'emergency', value: string) => void;
}) {
  const priorityReasons = [...suggestion.priority.reasons, ...(suggestion.sentiment.reason ? [suggestion.sentiment.reason] : [])];
  return (
    <section className="suggestions-panel" aria-labelledby="new-ticket-suggestions">
      <h3 id="new-ticket-suggestions">Suggested from what you typed</h3>
      <ul className="plain-list">
        <SuggestionLine
          what="Priority"
          value={PRIORITY_LABELS[suggestion.priority.value]}
          reasons={priorityReasons}
          current={values.priority === suggestion.priority.value}
          onApply={() => apply('priority', suggestion.priority.value)}
        />
        <SuggestionLine
          what="Category"
          value={CATEGORY_LABELS[suggestion.category.value]}
          reasons={suggestion.category.reasons}
          current={values.category === suggestion.category.value}
          onApply={() => apply('category', suggestion.category.value)}
        />
        {suggestion.emergency && (
          <SuggestionLine
            what="Emergency"
            value={EMERGENCY_LABELS[suggestion.emergency]}
            reasons={[]}
            current={values.emergency === suggestion.emergency}
            onApply={() => apply('emergency', suggestion.emergency ?? '')}
          />
        )}
      </ul>
      {articles.length > 0 && (
        <>
          <h4>Articles that may already answer it</h4>
          <ul className="plain-list">
            {articles.map((a) => (
              <li key={a.id}>
                {a.title}
                {a.codes.length > 0 && <span className="muted"> ({a.codes.join(', ')})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function NewTicketDialog({ onClose, onDone }: { onClose: () => void; onDone: (message: string) => void }) {
  const create = useTicketAction('tickets.create');
  const { form, formProps, field, formError } = useContractForm({
    schema: formSchema,
    defaultValues: { title: '', description: '', requester: { name: '', department: '', contact: '' }, priority: 'medium', category: 'technical', emergency: '' },
    mutation: create,
  });
  const values = form.watch();
  const typed = usePaused(`${values.title}\u0000${values.description}`);
  const [title = '', description = ''] = typed.split('\u0000');
  const suggest = useTicketSuggestion(title, description);
  const apply = (name: 'priority' | 'category' | 'emergency', value: string) => form.setValue(name, value as never, { shouldDirty: true });

  return (
    <Dialog title="New ticket" onClose={onClose} wide>
      <div className="new-ticket">
        <form
          {...formProps((input) => create.mutate(input, { onSuccess: ({ ticket }) => onDone(`${ticket.key} opened: ${ticket.title}`) }))}
          className="form"
          aria-label="New ticket"
        >
          {formError && <Notice tone="error" title="The ticket was not opened">{formError}</Notice>}
          <TextField label="Title" autoFocus {...field('title')} />
          <TextAreaField label="Description" rows={4} hint="Patient details are redacted when shown." {...field('description')} />
          <div className="field-row">
            <TextField label="Requester" {...field('requester.name')} />
            <TextField label="Department" {...field('requester.department')} />
            <TextField label="Contact" hint="Phone, e-mail or pager: shown hidden" {...field('requester.contact')} />
          </div>
          <div className="field-row">
            <SelectField label="Priority" {...field('priority')}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </SelectField>
            <SelectField label="Category" {...field('category')}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </SelectField>
            <SelectField label="Emergency" hint="Any of these makes it an Emergency" {...field('emergency')}>
              <option value="">None</option>
              {EMERGENCY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {EMERGENCY_LABELS[k]}
                </option>
              ))}
            </SelectField>
          </div>
          <FormDialogActions onCancel={onClose} icon="plus" pending={create.isPending}>
            Open ticket
          </FormDialogActions>
        </form>
        <div aria-live="polite">
          {suggest.data ? (
            <SuggestionsPanel suggestion={suggest.data.suggestion} articles={suggest.data.articles} values={values} apply={apply} />
          ) : (
            <p className="muted suggestions-panel">Suggestions for priority, category and articles appear here as you type.</p>
          )}
        </div>
      </div>
    </Dialog>
  );
}

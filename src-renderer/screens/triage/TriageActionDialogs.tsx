import { useState } from 'react';
import { z } from 'zod';
import {
  PENDING_REASON_LABELS,
  PENDING_REASONS,
  PRIORITIES,
  PRIORITY_LABELS,
  STATUS_LABELS,
  STATUS_TRANSITIONS,
  STATUSES,
  type TicketRow,
  type TicketStatus,
} from '../../../src-shared/tickets';
import type { Call } from '../../api/call';
import { errorText } from '../../api/error-text';
import { useBulkTicketAction } from '../../api/tickets';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { SelectField, TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { outcomeText, type BulkOutcome } from './bulk-outcome';

function targetsTitle(action: string, targets: readonly TicketRow[]): string {
  return targets.length === 1 ? `${action}: ${targets[0]!.key}` : `${action}: ${targets.length} tickets`;
}

/**
 * Runs `run` for each target. One ticket's refusal stays in the dialog to be
 * put right; with many, the dialog closes and the outcome says which refused.
 */
function useTargetsAction(targets: readonly TicketRow[], onDone: (message: string) => void) {
  const bulk = useBulkTicketAction();
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = (what: string, act: (call: Call, row: TicketRow) => Promise<unknown>) => {
    setRefusal(null);
    bulk.mutate(
      targets.map((row) => ({ key: row.key, run: (call: Call) => act(call, row) })),
      {
        onSuccess: (outcome: BulkOutcome) => {
          if (targets.length === 1 && outcome.failed.length === 1) setRefusal(errorText(outcome.failed[0]!.error));
          else onDone(outcomeText(what, outcome));
        },
      },
    );
  };
  return { run, pending: bulk.isPending, refusal };
}

const prioritySchema = z.object({ priority: z.enum(PRIORITIES) });

export function PriorityDialog({ targets, onClose, onDone }: { targets: readonly TicketRow[]; onClose: () => void; onDone: (message: string) => void }) {
  const action = useTargetsAction(targets, onDone);
  const { formProps, field } = useContractForm({ schema: prioritySchema, defaultValues: { priority: targets.length === 1 ? targets[0]!.priority : 'high' } });
  return (
    <Dialog title={targetsTitle('Set priority', targets)} onClose={onClose}>
      <form
        {...formProps(({ priority }) => action.run(`Priority ${PRIORITY_LABELS[priority]}`, (call, row) => call('tickets.update', { id: row.id, changes: { priority } })))}
        className="form"
        aria-label="Set priority"
      >
        {action.refusal && <Notice tone="error" title="The priority was not changed">{action.refusal}</Notice>}
        <SelectField label="Priority" autoFocus {...field('priority')}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <FormDialogActions onCancel={onClose} pending={action.pending}>
          Set priority
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

/** The statuses the targets may move to: a ticket's own transitions, or for many, any one of them may take. */
function nextStatuses(targets: readonly TicketRow[]): TicketStatus[] {
  return STATUSES.filter((s) => targets.some((row) => STATUS_TRANSITIONS[row.status].includes(s)));
}

const statusFormSchema = z
  .object({
    status: z.enum(STATUSES),
    pendingReason: z.union([z.literal(''), z.enum(PENDING_REASONS)]),
    csatScore: z.union([z.literal(''), z.enum(['1', '2', '3', '4', '5'])]),
    csatComment: z.string().trim().max(2_000),
  })
  .refine((v) => v.status !== 'pending' || v.pendingReason !== '', { message: 'Say what the ticket is waiting for', path: ['pendingReason'] });

export function StatusDialog({ targets, onClose, onDone }: { targets: readonly TicketRow[]; onClose: () => void; onDone: (message: string) => void }) {
  const action = useTargetsAction(targets, onDone);
  const options = nextStatuses(targets);
  const single = targets.length === 1;
  const { form, formProps, field } = useContractForm({
    schema: statusFormSchema,
    defaultValues: { status: options[0] ?? 'in_progress', pendingReason: '', csatScore: '', csatComment: '' },
  });
  const status = form.watch('status');
  return (
    <Dialog title={targetsTitle('Set status', targets)} onClose={onClose}>
      <form
        {...formProps((v) =>
          action.run(`Status ${STATUS_LABELS[v.status]}`, async (call, row) => {
            await call('tickets.setStatus', { id: row.id, status: v.status, ...(v.status === 'pending' && v.pendingReason !== '' ? { pendingReason: v.pendingReason } : {}) });
            if (v.status === 'resolved' && v.csatScore !== '') await call('tickets.csat', { id: row.id, score: Number(v.csatScore), comment: v.csatComment });
          }),
        )}
        className="form"
        aria-label="Set status"
      >
        {action.refusal && <Notice tone="error" title="The status was not changed">{action.refusal}</Notice>}
        {options.length === 0 ? (
          <p>{single ? `${STATUS_LABELS[targets[0]!.status]} tickets move nowhere from here.` : 'These tickets have no status in common to move to.'}</p>
        ) : (
          <SelectField label="Status" autoFocus {...field('status')}>
            {options.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
        )}
        {status === 'pending' && (
          <SelectField label="Waiting for" hint="The resolution clock pauses while the ticket waits." {...field('pendingReason')}>
            <option value="">Choose…</option>
            {PENDING_REASONS.map((r) => (
              <option key={r} value={r}>
                {PENDING_REASON_LABELS[r]}
              </option>
            ))}
          </SelectField>
        )}
        {status === 'resolved' && single && (
          <fieldset className="csat-fields">
            <legend>Requester’s satisfaction (optional, once)</legend>
            <SelectField label="Score" {...field('csatScore')}>
              <option value="">Not given</option>
              {(['5', '4', '3', '2', '1'] as const).map((n) => (
                <option key={n} value={n}>
                  {CSAT_WORDS[n]}
                </option>
              ))}
            </SelectField>
            <TextAreaField label="Their comment" rows={2} {...field('csatComment')} />
          </fieldset>
        )}
        <FormDialogActions onCancel={onClose} pending={action.pending}>
          Set status
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

export const CSAT_WORDS: Record<'1' | '2' | '3' | '4' | '5', string> = {
  '5': '5 – very satisfied',
  '4': '4 – satisfied',
  '3': '3 – neither',
  '2': '2 – dissatisfied',
  '1': '1 – very dissatisfied',
};

const commentSchema = z.object({
  visibility: z.enum(['internal', 'public']),
  body: z.string().trim().min(1, 'Write something').max(20_000),
});

export function CommentDialog({ target, onClose, onDone }: { target: TicketRow; onClose: () => void; onDone: (message: string) => void }) {
  const action = useTargetsAction([target], onDone);
  const { formProps, field } = useContractForm({ schema: commentSchema, defaultValues: { visibility: 'internal', body: '' } });
  return (
    <Dialog title={targetsTitle('Comment', [target])} onClose={onClose}>
      <form
        {...formProps((v) => action.run(v.visibility === 'internal' ? 'Internal note added' : 'Reply added', (call, row) => call('tickets.comment', { id: row.id, ...v })))}
        className="form"
        aria-label="Comment"
      >
        {action.refusal && <Notice tone="error" title="The comment was not added">{action.refusal}</Notice>}
        <TextAreaField label="Your comment" rows={5} autoFocus {...field('body')} />
        <SelectField label="Who sees it" hint="A reply to the requester is the ticket’s first response." {...field('visibility')}>
          <option value="internal">Internal note (the team only)</option>
          <option value="public">Reply to the requester</option>
        </SelectField>
        <FormDialogActions onCancel={onClose} pending={action.pending}>
          Add comment
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

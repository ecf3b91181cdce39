import { z } from 'zod';
import type { TicketDetail } from '../../../src-shared/contract';
import { useTicketAction } from '../../api/tickets';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';

const revealSchema = z.object({ reason: z.string().trim().min(10, 'Say why, in at least 10 characters').max(500) });

/** The ticket's description, contact and comments in clear, for a reason recorded in the audit log. */
export function TicketRevealDialog({ ticketId, ticketKey, onClose, onRevealed }: {
  ticketId: string;
  ticketKey: string;
  onClose: () => void;
  onRevealed: (detail: TicketDetail) => void;
}) {
  const reveal = useTicketAction('tickets.reveal');
  const { formProps, field, formError } = useContractForm({ schema: revealSchema, defaultValues: { reason: '' }, mutation: reveal });
  return (
    <Dialog title={`Show ${ticketKey} in clear`} onClose={onClose}>
      <p>The description, the requester’s contact and the comments may hold patient information. Say why you need them in clear: your reason, your name and the time go to the audit log.</p>
      <form {...formProps(({ reason }) => reveal.mutate({ id: ticketId, reason }, { onSuccess: onRevealed }))} className="form" aria-label="Show in clear">
        {formError && <Notice tone="error" title="Nothing was revealed">{formError}</Notice>}
        <TextAreaField label="Reason" rows={3} hint="At least 10 characters, for example the call you are returning." autoFocus {...field('reason')} />
        <FormDialogActions onCancel={onClose} icon="eye" pending={reveal.isPending}>
          Show in clear
        </FormDialogActions>
      </form>
    </Dialog>
  );
}

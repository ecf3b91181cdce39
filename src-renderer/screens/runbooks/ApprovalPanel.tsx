import { z } from 'zod';
import type { RunDetail } from '../../../src-shared/contract';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { useVote } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';

const voteSchema = z.object({ comment: z.string().trim().min(1, 'Add a comment: it goes into the audit trail with your vote') });

/** A gated run's approvals so far and, for an approver who did not ask for it, Approve and Reject with a comment. */
export function ApprovalPanel({ run, meUsername }: { run: RunDetail; meUsername: string }) {
  const vote = useVote();
  const { form, formProps, field, formError } = useContractForm({ schema: voteSchema, defaultValues: { comment: '' }, mutation: vote });
  const approval = run.approval;
  const given = approval?.votes.filter((v) => v.decision === 'approved').length ?? 0;
  const own = run.actor === meUsername;
  const cast = (decision: 'approve' | 'reject') => () =>
    void form.handleSubmit((input) => {
      if (!vote.isPending) vote.mutate({ runId: run.id, comment: input.comment, decision });
    })();

  return (
    <section className="panel run-approval" aria-label="Approval">
      <h3>Awaiting approval</h3>
      {approval && (
        <p>
          {given} of {approval.needed} approval{approval.needed === 1 ? '' : 's'} from {approval.roles.map((r) => ROLE_LABELS[r]).join(' or ')}.
        </p>
      )}
      {approval && approval.votes.length > 0 && (
        <ul className="run-votes">
          {approval.votes.map((v) => (
            <li key={`${v.by}-${v.at}`}>
              {v.by} {v.decision}: “{v.comment}”
            </li>
          ))}
        </ul>
      )}
      {own ? (
        <Notice tone="info" live={false}>
          You asked for this run, so you cannot approve it: another approver must.
        </Notice>
      ) : run.can.approve ? (
        // Enter in the comment does not vote: each button says which way.
        <form {...formProps(() => undefined)} className="form" aria-label="Approve or reject">
          {formError && <Notice tone="error" title="Your vote was not counted">{formError}</Notice>}
          <TextAreaField label="Comment" rows={2} hint="Why you approve or reject; kept in the audit trail." {...field('comment')} />
          <div className="dialog-actions">
            <Button variant="danger" icon="cross" onClick={cast('reject')} pending={vote.isPending}>
              Reject
            </Button>
            <Button variant="primary" icon="check" onClick={cast('approve')} pending={vote.isPending}>
              Approve
            </Button>
          </div>
        </form>
      ) : (
        <p className="field-hint">Your role cannot approve this run.</p>
      )}
    </section>
  );
}

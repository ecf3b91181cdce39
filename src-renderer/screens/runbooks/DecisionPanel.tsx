import { useState } from 'react';
import type { Decision } from '../../../src-shared/contract';
import { errorText } from '../../api/error-text';
import { useAnswerDecision } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { TimeAgo } from '../../components/TimeAgo';

/** A run's question with its choices as buttons: the run carries on with the one pressed. */
export function DecisionPanel({ decision, canAnswer, now }: { decision: Decision; canAnswer: boolean; now: number }) {
  const answer = useAnswerDecision();
  const [comment, setComment] = useState('');
  return (
    <section className="panel run-decision" aria-label={`Decision for ${decision.runbookName}`}>
      <h3>{decision.question}</h3>
      <p className="field-hint">
        {decision.runbookName}, asked <TimeAgo at={decision.askedAt} now={now} />
      </p>
      {canAnswer ? (
        <>
          <TextField label="Comment (optional)" value={comment} autoComplete="off" onChange={(e) => setComment(e.target.value)} />
          <div className="decision-choices" role="group" aria-label="Answers">
            {decision.choices.map((choice) => (
              <Button
                key={choice}
                variant="primary"
                pending={answer.isPending && answer.variables?.choice === choice}
                onClick={() => answer.mutate({ runId: decision.runId, stepId: decision.stepId, choice, comment })}
              >
                {choice}
              </Button>
            ))}
          </div>
          {answer.error ? <Notice tone="error" title="The answer was not taken">{errorText(answer.error)}</Notice> : null}
        </>
      ) : (
        <p className="field-hint">Your role cannot answer this question.</p>
      )}
    </section>
  );
}

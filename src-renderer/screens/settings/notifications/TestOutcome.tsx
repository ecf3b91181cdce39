import type { ChannelOutput } from '../../../../src-shared/contract';
import type { ChannelKind } from '../../../../src-shared/contract';
import { errorText } from '../../../api/error-text';
import { Notice } from '../../../components/Notice';
import { answerWords } from './channel-words';

type TestResult = ChannelOutput<'notify.channels.test'>;

function attemptsWords(attempts: number): string {
  return attempts === 1 ? 'on the first attempt' : `after ${attempts} attempts`;
}

/** What "Send test" came to: delivered with the receiver's answer, or failed with its reason. */
export function TestOutcome({ kind, result, error }: { kind: ChannelKind; result: TestResult | undefined; error: unknown }) {
  if (error) return <Notice tone="error" title="The test was not sent">{errorText(error)}</Notice>;
  if (!result) return null;
  const answer = answerWords(kind, result.status, result.error);
  return result.outcome === 'delivered' ? (
    <Notice tone="success" title={`Test delivered ${attemptsWords(result.attempts)}`}>
      {answer && <p>{answer}</p>}
    </Notice>
  ) : (
    <Notice tone="error" title={`Test failed ${attemptsWords(result.attempts)}`}>
      <p>{answer || 'The receiver gave no reason.'}</p>
    </Notice>
  );
}

import { CHECK_IDS, type CheckResult, type Diagnostics } from '../../../src-shared/contract';
import { Notice } from '../../components/Notice';
import { TimeAgo } from '../../components/TimeAgo';
import { formatMs } from '../../lib/format';
import { failedCheck, outcomeText } from './diagnostics-words';

function RunningBanner({ name, live }: { name: string; live: CheckResult[] }) {
  const current = live.find((c) => c.status === 'running') ?? live.at(-1);
  const step = current ? live.indexOf(current) + 1 : 0;
  return (
    <Notice tone="info" title={`Testing ${name}…`}>
      {current ? `Check ${step} of ${CHECK_IDS.length}: ${current.label}` : 'Starting the checks'}
    </Notice>
  );
}

function RunTiming({ diagnostics, now }: { diagnostics: Diagnostics; now: number }) {
  const took = new Date(diagnostics.finishedAt).getTime() - new Date(diagnostics.startedAt).getTime();
  return (
    <p className="run-timing">
      Finished <TimeAgo at={diagnostics.finishedAt} now={now} />, took {formatMs(took)}.
    </p>
  );
}

/** The overall verdict above the steps: for a failure, where and what to do, in one sentence. */
function ResultBanner({ diagnostics, now }: { diagnostics: Diagnostics; now: number }) {
  const timing = <RunTiming diagnostics={diagnostics} now={now} />;
  if (diagnostics.status === 'pass') return <Notice tone="success" title={outcomeText(diagnostics)}>{timing}</Notice>;
  if (diagnostics.status === 'warn') {
    const warned = diagnostics.checks.filter((c) => c.status === 'warn').map((c) => c.label);
    return (
      <Notice tone="warning" title={outcomeText(diagnostics)}>
        <p>Needs a look: {warned.join(', ')}. The connection works otherwise.</p>
        {timing}
      </Notice>
    );
  }
  const guidance = failedCheck(diagnostics)?.error?.guidance;
  return (
    <Notice tone="error" title={guidance ? `${outcomeText(diagnostics)}: ${guidance}` : outcomeText(diagnostics)}>
      {timing}
    </Notice>
  );
}

export function DiagnosticsBanner({ name, live, diagnostics, now }: { name: string; live: CheckResult[] | null; diagnostics: Diagnostics | null; now: number }) {
  if (live) return <RunningBanner name={name} live={live} />;
  if (diagnostics) return <ResultBanner diagnostics={diagnostics} now={now} />;
  return null;
}

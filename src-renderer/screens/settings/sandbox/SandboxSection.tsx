import { useState } from 'react';
import { NO_FAULTS } from '../../../../src-shared/sandbox-state';
import { errorText } from '../../../api/error-text';
import { useSandbox, useSetSandbox } from '../../../api/sandbox';
import { Button } from '../../../components/Button';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { BehaviourSettings } from './BehaviourSettings';
import { FaultSettings } from './FaultSettings';
import { activeFaults } from './sandbox-words';

/** What the sandbox does now, and the last change made here. */
function SandboxStatus({ faults, change }: { faults: string[]; change: string | null }) {
  return faults.length === 0 ? (
    <Notice tone="success" title="No faults: the sandbox answers normally">
      {change && <p>Last change: {change}</p>}
    </Notice>
  ) : (
    <Notice tone="warning" title={`Faults on: ${faults.join('; ')}`}>
      {change && <p>Last change: {change}</p>}
    </Notice>
  );
}

export function SandboxSection() {
  const sandbox = useSandbox();
  const reset = useSetSandbox();
  const [change, setChange] = useState<string | null>(null);

  return (
    <>
      <ScreenHeader
        eyebrow="Settings"
        title="Sandbox EHR"
        intro="A built-in FHIR R4 server on this machine for trying Vigil and for tests. Its switches make it misbehave on purpose, so you can see how Vigil reports each fault."
        actions={
          <Button
            variant="primary"
            pending={reset.isPending}
            onClick={() => reset.mutate({ faults: NO_FAULTS }, { onSuccess: () => setChange('Every fault switched off.') })}
          >
            Reset all faults
          </Button>
        }
      />
      {reset.isError && <Notice tone="error" title="The faults were not reset">{errorText(reset.error)}</Notice>}
      {sandbox.isPending ? (
        <LoadingLine label="Reading the sandbox's switches…" />
      ) : sandbox.isError ? (
        <Notice tone="error" title="Could not read the sandbox">{errorText(sandbox.error)}</Notice>
      ) : (
        <>
          {sandbox.data.running ? (
            <SandboxStatus faults={activeFaults(sandbox.data.state.faults)} change={change} />
          ) : (
            <Notice tone="warning" title="The sandbox is not running">Its switches apply when it starts again.</Notice>
          )}
          <dl className="facts facts-spaced">
            <dt>Base URL</dt>
            <dd className="path">{sandbox.data.baseUrl ?? '—'}</dd>
          </dl>
          <FaultSettings faults={sandbox.data.state.faults} onApplied={setChange} />
          <BehaviourSettings state={sandbox.data.state} onApplied={setChange} />
        </>
      )}
    </>
  );
}

import { SandboxFaultsSchema, type SandboxFaults } from '../../../../src-shared/sandbox-state';
import { boundsOf } from '../../../lib/form-fields';
import { NumberSetting } from './NumberSetting';
import { SwitchSetting } from './SwitchSetting';

const shape = SandboxFaultsSchema.shape;
const errorRate = boundsOf(shape.errorRate);
/** Each number's bounds, from the contract; the error rate is a share there and typed in percent here. */
const BOUNDS = {
  errorRate: { min: errorRate.min * 100, max: errorRate.max * 100 },
  latencyMs: boundsOf(shape.latencyMs),
  retryAfterSeconds: boundsOf(shape.rateLimit429.shape.retryAfterSeconds),
  slowBodyMs: boundsOf(shape.slowBodyMs),
};

/** The ways the sandbox can misbehave on purpose, each sent as its own change. */
export function FaultSettings({ faults, onApplied }: { faults: SandboxFaults; onApplied: (change: string) => void }) {
  return (
    <section className="panel panel-wide" aria-labelledby="faults-title">
      <h2 id="faults-title">Faults</h2>
      <div className="settings-list">
        <SwitchSetting
          label="Down"
          description="Stops accepting connections and drops open ones: every check fails with a network error."
          checked={faults.down}
          patch={(down) => ({ faults: { down } })}
          onApplied={onApplied}
        />
        <NumberSetting
          label="Error rate"
          unit="%"
          description="Share of requests answered with HTTP 500 and an OperationOutcome."
          value={Math.round(faults.errorRate * 100)}
          bounds={BOUNDS.errorRate}
          patch={(percent) => ({ faults: { errorRate: percent / 100 } })}
          onApplied={onApplied}
        />
        <NumberSetting
          label="Added latency"
          unit="ms"
          description="Waited before every response."
          value={faults.latencyMs}
          bounds={BOUNDS.latencyMs}
          patch={(latencyMs) => ({ faults: { latencyMs } })}
          onApplied={onApplied}
        />
        <SwitchSetting
          label="429 Too Many Requests"
          description="Every request is refused as rate limited, with the Retry-After below."
          checked={faults.rateLimit429.enabled}
          patch={(enabled) => ({ faults: { rateLimit429: { enabled } } })}
          onApplied={onApplied}
        />
        <NumberSetting
          label="Retry-After"
          unit="seconds"
          description="How long a 429 asks the client to wait."
          value={faults.rateLimit429.retryAfterSeconds}
          bounds={BOUNDS.retryAfterSeconds}
          patch={(retryAfterSeconds) => ({ faults: { rateLimit429: { retryAfterSeconds } } })}
          onApplied={onApplied}
        />
        <NumberSetting
          label="Slow body"
          unit="ms"
          description="Headers and half the body go out at once, the rest after this long."
          value={faults.slowBodyMs}
          bounds={BOUNDS.slowBodyMs}
          patch={(slowBodyMs) => ({ faults: { slowBodyMs } })}
          onApplied={onApplied}
        />
        <SwitchSetting
          label="Malformed JSON"
          description="Successful responses carry only the first half of their JSON."
          checked={faults.malformedJson}
          patch={(malformedJson) => ({ faults: { malformedJson } })}
          onApplied={onApplied}
        />
        <SwitchSetting
          label="AI model drift"
          description="The medical AI service's metrics show accuracy falling and inference slowing past their limits."
          checked={faults.modelDrift}
          patch={(modelDrift) => ({ faults: { modelDrift } })}
          onApplied={onApplied}
        />
      </div>
    </section>
  );
}

import { SandboxFlavourSchema, type SandboxFlavour, type SandboxState } from '../../../../src-shared/sandbox-state';
import { errorText } from '../../../api/error-text';
import { useSetSandbox } from '../../../api/sandbox';
import { SelectField } from '../../../components/Field';
import { FLAVOUR_LABELS } from './sandbox-words';
import { SwitchSetting } from './SwitchSetting';

function FlavourSetting({ flavour, onApplied }: { flavour: SandboxFlavour; onApplied: (change: string) => void }) {
  const set = useSetSandbox();
  return (
    <div className="setting">
      <SelectField
        label="Vendor flavour"
        value={flavour}
        aria-busy={set.isPending || undefined}
        hint="Which EHR the sandbox's metadata and sign-in imitate."
        error={set.isError ? errorText(set.error) : undefined}
        onChange={(event) => {
          const next = event.target.value as SandboxFlavour;
          set.mutate({ flavour: next }, { onSuccess: () => onApplied(`Vendor flavour set to ${FLAVOUR_LABELS[next]}.`) });
        }}
      >
        {SandboxFlavourSchema.options.map((f) => (
          <option key={f} value={f}>
            {FLAVOUR_LABELS[f]}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** How the sandbox presents itself: vendor, sign-in, scopes, TLS. */
export function BehaviourSettings({ state, onApplied }: { state: SandboxState; onApplied: (change: string) => void }) {
  return (
    <section className="panel panel-wide" aria-labelledby="behaviour-title">
      <h2 id="behaviour-title">Behaviour</h2>
      <div className="settings-list">
        <FlavourSetting flavour={state.flavour} onApplied={onApplied} />
        <SwitchSetting
          label="Require sign-in"
          description="Off: the FHIR endpoints answer without a token."
          checked={state.requireAuth}
          patch={(requireAuth) => ({ requireAuth })}
          onApplied={onApplied}
        />
        <SwitchSetting
          label="Narrow scopes"
          description="Grants fewer scopes than asked for without saying so, as some EHRs do."
          checked={state.narrowScopes}
          patch={(narrowScopes) => ({ narrowScopes })}
          onApplied={onApplied}
        />
        <SwitchSetting
          label="TLS listener"
          description="A second listener speaking HTTPS with a certificate from the sandbox's own CA."
          checked={state.tls}
          patch={(tls) => ({ tls })}
          onApplied={onApplied}
        />
      </div>
    </section>
  );
}

import { useId } from 'react';
import type { ChannelInput } from '../../../../src-shared/contract';
import { errorText } from '../../../api/error-text';
import { useSetSandbox } from '../../../api/sandbox';
import { Icon } from '../../../components/Icon';
import { Switch } from '../../../components/Switch';

/** One on/off switch of the sandbox, sent the moment it is pressed. */
export function SwitchSetting({ label, description, checked, patch, onApplied }: {
  label: string;
  description: string;
  checked: boolean;
  patch: (on: boolean) => ChannelInput<'sandbox.set'>;
  onApplied: (change: string) => void;
}) {
  const set = useSetSandbox();
  const descriptionId = useId();
  return (
    <div className="setting">
      <Switch
        label={label}
        checked={checked}
        pending={set.isPending}
        aria-describedby={descriptionId}
        onChange={(on) => set.mutate(patch(on), { onSuccess: () => onApplied(`${label} switched ${on ? 'on' : 'off'}.`) })}
      />
      <p id={descriptionId} className="setting-description">
        {description}
      </p>
      {set.isError && (
        <p className="field-error" role="alert">
          <Icon name="warning" />
          <span>{errorText(set.error)}</span>
        </p>
      )}
    </div>
  );
}

import { useController } from 'react-hook-form';
import type { BoardTile } from '../../../src-shared/monitoring';
import { Icon } from '../../components/Icon';
import type { SettingsForm } from './settings-form';

/**
 * The targets this one fails with, picked from the board. While one of them
 * is down, this target raises no alert of its own: one page for one outage.
 * A list of ids, however many boxes there are (react-hook-form's own
 * checkbox groups turn a single box into one value).
 */
export function DependsOnFields({ choices, control }: { choices: BoardTile[]; control: SettingsForm['control'] }) {
  const { field, fieldState } = useController({ control, name: 'settings.dependsOn' });
  const error = fieldState.error?.message;
  const toggle = (targetId: string, on: boolean) => field.onChange(on ? [...field.value, targetId] : field.value.filter((id) => id !== targetId));
  return (
    <fieldset className="choices depends-on" aria-describedby="depends-on-message" aria-invalid={error ? true : undefined}>
      <legend>Depends on</legend>
      {error ? (
        <p id="depends-on-message" className="field-error">
          <Icon name="warning" />
          <span>{error}</span>
        </p>
      ) : (
        <p id="depends-on-message" className="field-hint">
          While one of these is down, this target raises no alert of its own.
        </p>
      )}
      {choices.length === 0 && <p className="muted">No other targets to depend on.</p>}
      {choices.map((t, i) => (
        <div key={t.targetId} className="choice">
          <input
            id={`depends-${t.targetId}`}
            ref={i === 0 ? field.ref : undefined}
            type="checkbox"
            name={field.name}
            value={t.targetId}
            checked={field.value.includes(t.targetId)}
            onChange={(event) => toggle(t.targetId, event.target.checked)}
            onBlur={field.onBlur}
          />
          <label htmlFor={`depends-${t.targetId}`}>{t.name}</label>
        </div>
      ))}
    </fieldset>
  );
}

import type { BoardTile } from '../../../src-shared/monitoring';
import { Icon } from '../../components/Icon';
import { FIELDS } from './settings-draft';

/**
 * The targets this one fails with, picked from the board. While one of them
 * is down, this target raises no alert of its own: one page for one outage.
 */
export function DependsOnFields({ choices, chosen, error, onChange }: {
  choices: BoardTile[];
  chosen: string[];
  error: string | undefined;
  onChange: (chosen: string[]) => void;
}) {
  const toggle = (targetId: string, on: boolean) => onChange(on ? [...chosen, targetId] : chosen.filter((id) => id !== targetId));
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
      {choices.map((t) => (
        <div key={t.targetId} className="choice">
          <input
            id={`depends-${t.targetId}`}
            type="checkbox"
            name={FIELDS.dependsOn}
            value={t.targetId}
            checked={chosen.includes(t.targetId)}
            onChange={(event) => toggle(t.targetId, event.target.checked)}
          />
          <label htmlFor={`depends-${t.targetId}`}>{t.name}</label>
        </div>
      ))}
    </fieldset>
  );
}

import { useId } from 'react';
import { CHANNEL_KINDS, type ChannelKind } from '../../../../src-shared/contract';
import { field } from './channel-draft';
import { KIND_HINTS, KIND_LABELS } from './channel-words';

/** The kind of a new channel, each with what it does; it is fixed once the channel exists. */
export function KindChoice({ value, onChange }: { value: ChannelKind; onChange: (kind: ChannelKind) => void }) {
  const id = useId();
  return (
    <fieldset className="choices role-choices kind-choices">
      <legend>Kind</legend>
      {CHANNEL_KINDS.map((kind) => (
        <div key={kind} className="choice">
          <input
            id={`${id}-${kind}`}
            type="radio"
            name={field('kind')}
            value={kind}
            checked={value === kind}
            aria-describedby={`${id}-${kind}-does`}
            onChange={() => onChange(kind)}
          />
          <label htmlFor={`${id}-${kind}`}>{KIND_LABELS[kind]}</label>
          <p id={`${id}-${kind}-does`} className="choice-description">
            {KIND_HINTS[kind]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

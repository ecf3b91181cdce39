import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { CHANNEL_KINDS } from '../../../../src-shared/contract';
import { KIND_HINTS, KIND_LABELS } from './channel-words';

/** The kind of a new channel, each with what it does; it is fixed once the channel exists. */
export function KindChoice(radio: UseFormRegisterReturn) {
  const id = useId();
  return (
    <fieldset className="choices role-choices kind-choices">
      <legend>Kind</legend>
      {CHANNEL_KINDS.map((kind) => (
        <div key={kind} className="choice">
          <input id={`${id}-${kind}`} type="radio" value={kind} aria-describedby={`${id}-${kind}-does`} {...radio} />
          <label htmlFor={`${id}-${kind}`}>{KIND_LABELS[kind]}</label>
          <p id={`${id}-${kind}-does`} className="choice-description">
            {KIND_HINTS[kind]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

import type { ConnectionState } from '../../../src-shared/monitoring';
import { STATE_LOOK } from './state-look';
import { StateIcon } from './StateIcon';

/** A target's state as icon and word, in the state's colours (which only repeat what the word says). */
export function StateBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`state-badge state-${state.toLowerCase()}`}>
      <StateIcon state={state} />
      <span>{STATE_LOOK[state].word}</span>
    </span>
  );
}

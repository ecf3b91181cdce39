import {
  CHANNELS,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type VigilApi,
} from '../../src-shared/contract';
import { VigilError } from './vigil-error';

export type Call = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/**
 * Wraps the bridge: unwraps the envelope, throws VigilError on failure, and
 * reports UNAUTHENTICATED from a channel that needs a session, because that
 * means the session ended without us hearing the event (idle sweep missed,
 * host restarted).
 */
export function createCall(api: VigilApi, onSessionLost: () => void): Call {
  return async (channel, input) => {
    let envelope;
    try {
      envelope = await api.invoke(channel, input);
    } catch (err) {
      throw new VigilError({
        code: 'UNREACHABLE',
        message: err instanceof Error ? err.message : String(err),
      });
    }
    if (envelope.ok) return envelope.data;
    if (envelope.error.code === 'UNAUTHENTICATED' && CHANNELS[channel].access !== 'public') onSessionLost();
    throw new VigilError(envelope.error);
  };
}

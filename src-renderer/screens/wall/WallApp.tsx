import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { queryKeys } from '../../api/query-keys';
import { useCall, useVigilEvents } from '../../api/vigil-context';
import { isVigilError } from '../../api/vigil-error';
import { PairingScreen, type PairingReason } from './PairingScreen';
import { loadCredential, saveCredential, type WallCredential } from './wall-credential';
import { WallScreen } from './WallScreen';

/** Connecting again after a failure: soon, then less often, never giving up (nobody is there to press a button). */
const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 30_000;

type Phase = { kind: 'pairing'; reason: PairingReason } | { kind: 'connecting' } | { kind: 'live' };

/** Large type for a room: the page's type grows with the screen, so a 4K wall reads like a 1080p one from twice as far. */
function useWallType(): void {
  useLayoutEffect(() => {
    document.documentElement.dataset.wall = '';
    return () => {
      delete document.documentElement.dataset.wall;
    };
  }, []);
}

/**
 * A wall display (#/display): asks for a pairing code until this browser is
 * paired, then connects with its token and secret and shows the wall. A
 * removed display goes back to the pairing screen at once (display.revoked);
 * a lost session (host restart) connects again by itself.
 */
export function WallApp() {
  useWallType();
  const call = useCall();
  const on = useVigilEvents();
  const queryClient = useQueryClient();
  const [credential, setCredential] = useState<WallCredential>(loadCredential);
  const [phase, setPhase] = useState<Phase>(() => (credential.displayToken ? { kind: 'connecting' } : { kind: 'pairing', reason: 'new' }));
  const [trouble, setTrouble] = useState<unknown>(null);

  const forget = useCallback(
    (reason: PairingReason) => {
      setCredential((held) => {
        const next = { ...held, displayToken: null };
        saveCredential(next);
        return next;
      });
      queryClient.removeQueries({ queryKey: queryKeys.wallBoard });
      queryClient.removeQueries({ queryKey: queryKeys.wallAlerts });
      setTrouble(null);
      setPhase({ kind: 'pairing', reason });
    },
    [queryClient],
  );

  useEffect(() => on('display.revoked', () => forget('revoked')), [on, forget]);

  const { displayToken, secret } = credential;
  useEffect(() => {
    if (phase.kind !== 'connecting' || displayToken === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (retryMs: number) => {
      call('display.connect', { displayToken, secret }).then(
        () => {
          if (stopped) return;
          setTrouble(null);
          setPhase({ kind: 'live' });
        },
        (err: unknown) => {
          if (stopped) return;
          if (isVigilError(err, 'UNAUTHENTICATED')) {
            forget('unpaired');
            return;
          }
          setTrouble(err);
          timer = setTimeout(() => attempt(Math.min(retryMs * 2, LAST_RETRY_MS)), retryMs);
        },
      );
    };
    attempt(FIRST_RETRY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [phase.kind, displayToken, secret, call, forget]);

  const reconnect = useCallback(() => setPhase({ kind: 'connecting' }), []);

  if (phase.kind === 'pairing') {
    return (
      <PairingScreen
        secret={secret}
        reason={phase.reason}
        onPaired={(token) => {
          const next = { secret, displayToken: token };
          saveCredential(next);
          setCredential(next);
          setPhase({ kind: 'connecting' });
        }}
      />
    );
  }
  return <WallScreen live={phase.kind === 'live'} trouble={trouble} onSessionLost={reconnect} />;
}

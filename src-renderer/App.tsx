import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useContractEvents } from './api/contract-events';
import { useWhoami } from './api/session';
import { useSetupStatus } from './api/setup';
import { isVigilError } from './api/vigil-error';
import { AppFrame } from './frame/AppFrame';
import { useApplyTheme } from './frame/use-apply-theme';
import { ConnectingScreen } from './screens/start/ConnectingScreen';
import { LockScreen } from './screens/start/LockScreen';
import { LoginScreen } from './screens/start/LoginScreen';
import { SetupScreen } from './screens/start/SetupScreen';
import { WallApp } from './screens/wall/WallApp';
import { useIsWallRoute } from './screens/wall/wall-route';
import { useSessionStore } from './state/session-store';

/** At start-up: does the transport still hold a live session (a reload, a reopened window)? */
function SessionRestore() {
  const whoami = useWhoami();
  const signedOut = isVigilError(whoami.error, 'UNAUTHENTICATED');
  useEffect(() => {
    if (whoami.data) useSessionStore.getState().signedIn(whoami.data);
    else if (signedOut) useSessionStore.getState().signedOut(null);
  }, [whoami.data, signedOut]);
  return (
    <ConnectingScreen
      error={signedOut ? null : whoami.error}
      retrying={whoami.isFetching}
      onRetry={() => void whoami.refetch()}
    />
  );
}

function SessionGate({ version }: { version: string }) {
  const { phase, user, endReason } = useSessionStore(
    useShallow((s) => ({ phase: s.phase, user: s.user, endReason: s.endReason })),
  );
  if (phase === 'starting') return <SessionRestore />;
  if (phase === 'signedIn' && user) return <AppFrame user={user} />;
  if (phase === 'locked' && user) return <LockScreen user={user} reason={endReason} />;
  return <LoginScreen version={version} endReason={endReason} />;
}

/** The console: first-run setup, signing in, and the app. */
function ConsoleApp() {
  const setup = useSetupStatus();
  if (!setup.data) {
    return <ConnectingScreen error={setup.error} retrying={setup.isFetching} onRetry={() => void setup.refetch()} />;
  }
  if (setup.data.needsAdmin) return <SetupScreen version={setup.data.version} codeRequired={setup.data.setupCodeRequired} />;
  return <SessionGate version={setup.data.version} />;
}

export function App() {
  useApplyTheme();
  useContractEvents();
  // A wall display's browser shows the wall, never the console (and so no sign-in).
  return useIsWallRoute() ? <WallApp /> : <ConsoleApp />;
}

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { VigilApi } from '../../src-shared/contract';
import { useSessionStore } from '../state/session-store';
import { createCall, type Call } from './call';

interface VigilClient {
  call: Call;
  on: VigilApi['on'];
}

const VigilContext = createContext<VigilClient | null>(null);

export function VigilProvider({ api, children }: { api: VigilApi; children: ReactNode }) {
  const client = useMemo<VigilClient>(
    () => ({
      call: createCall(api, () => useSessionStore.getState().lock('lost')),
      on: (event, listener) => api.on(event, listener),
    }),
    [api],
  );
  return <VigilContext value={client}>{children}</VigilContext>;
}

function useVigilClient(): VigilClient {
  const client = useContext(VigilContext);
  if (!client) throw new Error('useVigilClient needs a <VigilProvider> above it');
  return client;
}

export function useCall(): Call {
  return useVigilClient().call;
}

export function useVigilEvents(): VigilApi['on'] {
  return useVigilClient().on;
}

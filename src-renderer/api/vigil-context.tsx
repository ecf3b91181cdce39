import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { VigilApi } from '../../src-shared/contract';
import type { LiveSource } from '../bridge/live-updates';
import { useSessionStore } from '../state/session-store';
import { createCall, type Call } from './call';

interface VigilClient {
  call: Call;
  on: VigilApi['on'];
  live: LiveSource;
  /** The desktop app's save-as-PDF; null in a browser. */
  savePdf: NonNullable<VigilApi['savePdf']> | null;
}

const VigilContext = createContext<VigilClient | null>(null);

export function VigilProvider({ api, live, children }: { api: VigilApi; live: LiveSource; children: ReactNode }) {
  const client = useMemo<VigilClient>(
    () => ({
      call: createCall(api, () => useSessionStore.getState().lock('lost')),
      on: (event, listener) => api.on(event, listener),
      live,
      savePdf: api.savePdf ? (fileName) => api.savePdf!(fileName) : null,
    }),
    [api, live],
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

/** Saves the page as a PDF where the person chooses (the desktop app); null where only the browser's print dialog can. */
export function useSavePdf(): VigilClient['savePdf'] {
  return useVigilClient().savePdf;
}

export function useVigilEvents(): VigilApi['on'] {
  return useVigilClient().on;
}

/** Whether main's events are reaching the page (bridge/live-updates.ts). */
export function useLiveSource(): LiveSource {
  return useVigilClient().live;
}

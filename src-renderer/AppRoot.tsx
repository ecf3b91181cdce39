import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { VigilApi } from '../src-shared/contract';
import { App } from './App';
import { VigilProvider } from './api/vigil-context';
import type { LiveSource } from './bridge/live-updates';

/** Everything the app needs from outside, passed in so tests can hand in their own. */
export function AppRoot({ api, live, queryClient }: { api: VigilApi; live: LiveSource; queryClient: QueryClient }) {
  return (
    <VigilProvider api={api} live={live}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </VigilProvider>
  );
}

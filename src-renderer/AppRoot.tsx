import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { VigilApi } from '../src-shared/contract';
import { App } from './App';
import { VigilProvider } from './api/vigil-context';

/** Everything the app needs from outside, passed in so tests can hand in their own. */
export function AppRoot({ api, queryClient }: { api: VigilApi; queryClient: QueryClient }) {
  return (
    <VigilProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </VigilProvider>
  );
}

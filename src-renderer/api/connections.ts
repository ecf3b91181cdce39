import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, CheckResult, Diagnostics } from '../../src-shared/contract';
import type { Call } from './call';
import { queryKeys } from './query-keys';
import { useCall, useVigilEvents } from './vigil-context';

export function connectionsListOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.connectionsList,
    queryFn: () => call('connections.list', {}),
  });
}

export function useConnections() {
  return useQuery(connectionsListOptions(useCall()));
}

/** Every change answers with the connection; the list refreshes (main's connections.changed would too, a moment later). */
function useConnectionMutation<I, O>(run: (call: Call, input: I) => Promise<O>) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(call, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connectionsList }),
  });
}

export function useCreateConnection() {
  return useConnectionMutation((call, input: ChannelInput<'connections.create'>) => call('connections.create', input));
}

export function useUpdateConnection() {
  return useConnectionMutation((call, input: ChannelInput<'connections.update'>) => call('connections.update', input));
}

export function useDeleteConnection() {
  return useConnectionMutation((call, input: ChannelInput<'connections.delete'>) => call('connections.delete', input));
}

export function useGenerateKey() {
  return useConnectionMutation((call, input: ChannelInput<'connections.generateKey'>) => call('connections.generateKey', input));
}

/** One diagnostics run as this window knows it. */
export interface TestRun {
  /** Known from the first progress event (or the reply); null until then. */
  runId: string | null;
  /** Started here, so the call's reply is the final word; otherwise seen running from another console. */
  mine: boolean;
  /** The steps reported so far, each in its latest state. */
  live: CheckResult[];
  result: Diagnostics | null;
  error: unknown;
}

function withStep(live: CheckResult[], step: CheckResult): CheckResult[] {
  return live.some((c) => c.check === step.check) ? live.map((c) => (c.check === step.check ? step : c)) : [...live, step];
}

function progressed(run: TestRun | undefined, runId: string, step: CheckResult): TestRun | null {
  const same = run !== undefined && (run.runId === runId || (run.mine && run.runId === null));
  // A late event after the reply adds nothing: the reply already holds every step.
  if (same && run.result) return null;
  const base: TestRun = same ? run : { runId, mine: false, live: [], result: null, error: null };
  return { ...base, runId, live: withStep(base.live, step) };
}

/**
 * Runs diagnostics and follows them step by step. Not a TanStack mutation:
 * the interesting part is the stream of connections.testProgress events while
 * the call is out, per connection, including runs someone else started (a
 * wall display shows an admin's test as it happens).
 */
export function useConnectionTests() {
  const call = useCall();
  const on = useVigilEvents();
  const queryClient = useQueryClient();
  const [runs, setRuns] = useState<Partial<Record<number, TestRun>>>({});

  useEffect(
    () =>
      on('connections.testProgress', ({ runId, connectionId, result }) =>
        setRuns((all) => {
          const next = progressed(all[connectionId], runId, result);
          return next ? { ...all, [connectionId]: next } : all;
        }),
      ),
    [on],
  );

  const start = useCallback(
    async (id: number) => {
      const update = (change: Partial<TestRun>) =>
        setRuns((all) => ({ ...all, [id]: { ...(all[id] as TestRun), ...change } }));
      setRuns((all) => ({ ...all, [id]: { runId: null, mine: true, live: [], result: null, error: null } }));
      try {
        const result = await call('connections.test', { id });
        update({ runId: result.runId, result });
      } catch (error) {
        update({ error });
      }
      await queryClient.invalidateQueries({ queryKey: queryKeys.connectionsList });
    },
    [call, queryClient],
  );

  return { runs, start };
}

export type ConnectionTests = ReturnType<typeof useConnectionTests>;

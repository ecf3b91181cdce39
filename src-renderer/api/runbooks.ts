import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ChannelInput, EventPayload, RunDetail, VigilApi } from '../../src-shared/contract';
import type { Call } from './call';
import { queryKeys, type RunFilters } from './query-keys';
import { useCall } from './vigil-context';

export function useRunbooks() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.runbooksList, queryFn: () => call('runbooks.list', {}) });
}

/** The newest version of a runbook's YAML and every problem in it (null: none asked for, as for a new one). */
export function useRunbook(id: string | null) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.runbooksGet(id ?? ''),
    queryFn: () => call('runbooks.get', { id: id ?? '' }),
    enabled: id !== null,
  });
}

export function useRunbookVersions(id: string) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.runbookVersions(id), queryFn: () => call('runbooks.versions', { id }) });
}

export function useRunbookDiff(id: string, range: { from: number; to: number } | null) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.runbookDiff(id, range?.from ?? 0, range?.to ?? 0),
    queryFn: () => call('runbooks.diff', { id, from: range?.from ?? 1, to: range?.to ?? 1 }),
    enabled: range !== null && range.from !== range.to,
  });
}

/** Runs asked for at a time: a screenful and some; older ones come a page at a time on request. */
export const RUNS_PAGE_ROWS = 50;

/** Run history, newest first, a page at a time through main's cursor. */
export function useRuns(filter: RunFilters) {
  const call = useCall();
  return useInfiniteQuery({
    queryKey: queryKeys.runsList(filter),
    queryFn: ({ pageParam }) => call('runs.list', { filter, limit: RUNS_PAGE_ROWS, ...(pageParam === null ? {} : { cursor: pageParam }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useRun(id: string) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.runsGet(id), queryFn: () => call('runs.get', { id }) });
}

export function useApprovals() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.approvalsList, queryFn: () => call('approvals.list', {}) });
}

export function useDecisions() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.decisionsList, queryFn: () => call('decisions.list', {}) });
}

export function useExecList() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.runbookExec, queryFn: () => call('runbooks.exec.get', {}) });
}

export function useRetention() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.runbookRetention, queryFn: () => call('runbooks.retention.get', {}) });
}

/** Asks main for the plan; a form's refusal (a parameter at fault) lands on its field like any other. */
export function useDryRun() {
  const call = useCall();
  return useMutation({ mutationFn: (input: ChannelInput<'runbooks.dryRun'>) => call('runbooks.dryRun', input) });
}

/**
 * Everything that answers with a run: its view takes the answer at once,
 * then reads the run again, and lists and queues follow. The answer is the
 * run as it was when main replied; the events it sent meanwhile came on
 * another channel, some before this query existed to take them, and a
 * quick run may already wait for a decision that no later event repeats.
 */
function useRunMutation<I>(run: (call: Call, input: I) => Promise<{ run: RunDetail }>) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(call, input),
    onSuccess: ({ run: detail }) => {
      queryClient.setQueryData(queryKeys.runsGet(detail.id), { run: detail });
      void queryClient.invalidateQueries({ queryKey: queryKeys.runsGet(detail.id) });
      return refreshRunLists(queryClient);
    },
  });
}

function refreshRunLists(queryClient: QueryClient) {
  return Promise.all(
    [queryKeys.runbooksList, queryKeys.runsListAll, queryKeys.approvalsList, queryKeys.decisionsList].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

export function useStartRun() {
  return useRunMutation((call, input: ChannelInput<'runbooks.run'>) => call('runbooks.run', input));
}

export function useCancelRun() {
  return useRunMutation((call, id: string) => call('runs.cancel', { id }));
}

export function useRerun() {
  return useRunMutation((call, input: ChannelInput<'runs.rerun'>) => call('runs.rerun', input));
}

export function useVote() {
  return useRunMutation((call, input: ChannelInput<'approvals.approve'> & { decision: 'approve' | 'reject' }) =>
    call(input.decision === 'approve' ? 'approvals.approve' : 'approvals.reject', { runId: input.runId, comment: input.comment }),
  );
}

export function useAnswerDecision() {
  return useRunMutation((call, input: ChannelInput<'decisions.answer'>) => call('decisions.answer', input));
}

/** A save, import or delete changes the list, the runbook's YAML and its versions. */
function useRunbookChange<I, O>(run: (call: Call, input: I) => Promise<O>) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(call, input),
    onSuccess: () => refreshRunbooks(queryClient),
  });
}

function refreshRunbooks(queryClient: QueryClient) {
  return Promise.all(
    [queryKeys.runbooksList, queryKeys.runbooksGetAll, ['runbooks.versions'], ['runbooks.diff']].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

export function useValidateRunbook() {
  const call = useCall();
  return useMutation({ mutationFn: (input: ChannelInput<'runbooks.validate'>) => call('runbooks.validate', input) });
}

export function useSaveRunbook() {
  return useRunbookChange((call, input: ChannelInput<'runbooks.save'>) => call('runbooks.save', input));
}

export function useDeleteRunbook() {
  return useRunbookChange((call, id: string) => call('runbooks.delete', { id }));
}

export function useSetExecList() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'runbooks.exec.set'>) => call('runbooks.exec.set', input),
    onSuccess: (list) => queryClient.setQueryData(queryKeys.runbookExec, list),
  });
}

export function useSetRetention() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: number) => call('runbooks.retention.set', { days }),
    onSuccess: ({ days }) => {
      queryClient.setQueryData(queryKeys.runbookRetention, { days });
      return queryClient.invalidateQueries({ queryKey: queryKeys.runsListAll });
    },
  });
}

/**
 * A step's event written into the run's view as it arrives: its state and
 * duration, and its output line by line (the newest kept, as main keeps
 * them), so a run streams without asking main for the whole run each line.
 */
function applyStepEvent(detail: RunDetail, event: EventPayload<'runbook.step'>): RunDetail {
  return {
    ...detail,
    currentStep: event.kind === 'start' ? event.stepId : detail.currentStep,
    steps: detail.steps.map((step) => {
      if (step.id !== event.stepId) return step;
      const lines =
        event.kind === 'output' && event.text !== null && !step.lines.some((l) => l.seq === event.seq)
          ? [...step.lines, { seq: event.seq, at: event.at, text: event.text }]
          : step.lines;
      return {
        ...step,
        state: event.state,
        startedAt: event.kind === 'start' ? event.at : step.startedAt,
        endedAt: event.kind === 'result' ? event.at : step.endedAt,
        durationMs: event.durationMs ?? step.durationMs,
        lines,
      };
    }),
  };
}

/** Main's runbook events, as cache updates: listeners to add to the frame's. */
export function runbookEventListeners(on: VigilApi['on'], queryClient: QueryClient): (() => void)[] {
  return [
    on('runbook.changed', () => void refreshRunbooks(queryClient)),
    on('runbook.run.changed', ({ runId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.runsGet(runId) });
      void refreshRunLists(queryClient);
    }),
    on('runbook.attention', ({ kind }) =>
      void queryClient.invalidateQueries({ queryKey: kind === 'approval' ? queryKeys.approvalsList : queryKeys.decisionsList }),
    ),
    on('runbook.step', (event) => {
      queryClient.setQueryData<{ run: RunDetail }>(queryKeys.runsGet(event.runId), (old) => old && { run: applyStepEvent(old.run, event) });
      // How a step ended comes with its message and outputs, which the event does not carry.
      if (event.kind === 'result') void queryClient.invalidateQueries({ queryKey: queryKeys.runsGet(event.runId) });
    }),
  ];
}

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import type { Call } from './call';
import { queryKeys, TICKET_QUERY_PREFIXES, type TicketFilterInput, type TicketQuery } from './query-keys';
import { useCall } from './vigil-context';

/** The first page: a screenful and some, so the first rows arrive (and paint) soonest. */
export const QUEUE_FIRST_ROWS = 50;
/** Rows asked for at a time as the queue scrolls on: many screenfuls, small enough to arrive at once. */
export const QUEUE_PAGE_ROWS = 200;

/** The queue in SLA order, a page at a time: the next page is asked for as the person scrolls near the end of what is loaded. */
export function useTicketQueue(query: TicketQuery) {
  const call = useCall();
  return useInfiniteQuery({
    queryKey: queryKeys.ticketsList(query),
    queryFn: ({ pageParam }) => call('tickets.list', { ...query, ...pageParam }),
    initialPageParam: { limit: QUEUE_FIRST_ROWS } as { limit: number; cursor?: string },
    getNextPageParam: (page) => (page.nextCursor === null ? null : { limit: QUEUE_PAGE_ROWS, cursor: page.nextCursor }),
    placeholderData: keepPreviousData,
  });
}

export function useTicketCount(filter: TicketFilterInput) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.ticketsCount(filter), queryFn: () => call('tickets.count', { filter }), placeholderData: keepPreviousData });
}

export function useTicket(id: string | null) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.ticketGet(id ?? ''), queryFn: () => call('tickets.get', { id: id ?? '' }), enabled: id !== null });
}

export function useTicketViews() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.ticketViews, queryFn: () => call('tickets.views.list', {}) });
}

/** Suggestions for what is being typed; the dialog asks only once typing pauses. */
export function useTicketSuggestion(title: string, description: string) {
  const call = useCall();
  const asked = title.trim() !== '' || description.trim() !== '';
  return useQuery({
    queryKey: queryKeys.ticketSuggest(title, description),
    queryFn: () => call('tickets.suggest', { title, description }),
    enabled: asked,
    placeholderData: keepPreviousData,
  });
}

export function refreshTickets(queryClient: QueryClient): Promise<unknown> {
  return Promise.all(TICKET_QUERY_PREFIXES.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** One triage call; what it changed shows in the queue, the count and the open ticket. */
export function useTicketAction<C extends ChannelName>(channel: C) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation<ChannelOutput<C>, unknown, ChannelInput<C>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: () => refreshTickets(queryClient),
  });
}

/** The same call for each ticket picked, one after the other; what refused is told ticket by ticket. */
export function useBulkTicketAction() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (jobs: { key: string; run: (call: Call) => Promise<unknown> }[]) => {
      const failed: { key: string; error: unknown }[] = [];
      for (const job of jobs) {
        try {
          await job.run(call);
        } catch (error) {
          failed.push({ key: job.key, error });
        }
      }
      return { done: jobs.length - failed.length, failed };
    },
    onSettled: () => refreshTickets(queryClient),
  });
}

export function useSaveView() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'tickets.views.save'>) => call('tickets.views.save', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.ticketViews }),
  });
}

export function useDeleteView() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('tickets.views.delete', { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.ticketViews }),
  });
}

import { QueryClient } from '@tanstack/react-query';

/** Query defaults, set once here rather than per query. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Analytics change when data is ingested, not from second to second.
      staleTime: 60_000,
      // One retry covers a dropped connection; more would only delay an honest error state.
      retry: 1,
      refetchOnWindowFocus: false,
    },
  },
});

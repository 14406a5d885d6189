import { beforeAfterResponseSchema, toSearchParams, type BeforeAfterQuery, type BeforeAfterResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { servicesKeys } from './keys';

export function fetchBeforeAfter(query: BeforeAfterQuery, signal?: AbortSignal): Promise<BeforeAfterResponse> {
  return fetchJson(`/api/v1/analytics/services/before-after?${toSearchParams(query)}`, beforeAfterResponseSchema, signal);
}

export const beforeAfterQueryOptions = (query: BeforeAfterQuery) =>
  queryOptions({
    queryKey: servicesKeys.beforeAfter(query),
    queryFn: ({ signal }) => fetchBeforeAfter(query, signal),
    placeholderData: keepPreviousData,
  });

/** Disabled until an annotation is chosen (`query` null). */
export function useBeforeAfterQuery(query: BeforeAfterQuery | null) {
  return useQuery({ ...beforeAfterQueryOptions(query ?? { annotation: '', weeks: 8, service: [] }), enabled: query !== null });
}

import { noiseResponseSchema, toSearchParams, type NoiseQuery, type NoiseResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { overviewKeys } from './keys';

/** `/api/v1/analytics/noise`: the Overview shows its `tuneFirst` rules. */
export function fetchNoiseReport(query: NoiseQuery, signal?: AbortSignal): Promise<NoiseResponse> {
  return fetchJson(`/api/v1/analytics/noise?${toSearchParams(query)}`, noiseResponseSchema, signal);
}

export const tuneFirstQueryOptions = (query: NoiseQuery) =>
  queryOptions({
    queryKey: overviewKeys.noise(query),
    queryFn: ({ signal }) => fetchNoiseReport(query, signal),
    placeholderData: keepPreviousData,
  });

export function useTuneFirstQuery(query: NoiseQuery) {
  return useQuery(tuneFirstQueryOptions(query));
}

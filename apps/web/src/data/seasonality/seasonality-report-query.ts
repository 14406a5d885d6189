import { seasonalityResponseSchema, toSearchParams, type SeasonalityQuery, type SeasonalityResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { seasonalityKeys } from './keys';

export function fetchSeasonalityReport(query: SeasonalityQuery, signal?: AbortSignal): Promise<SeasonalityResponse> {
  return fetchJson(`/api/v1/analytics/seasonality?${toSearchParams(query)}`, seasonalityResponseSchema, signal);
}

export const seasonalityReportQueryOptions = (query: SeasonalityQuery) =>
  queryOptions({
    queryKey: seasonalityKeys.report(query),
    queryFn: ({ signal }) => fetchSeasonalityReport(query, signal),
    // A filter change keeps the current charts on screen until the new figures arrive.
    placeholderData: keepPreviousData,
  });

export function useSeasonalityReportQuery(query: SeasonalityQuery) {
  return useQuery(seasonalityReportQueryOptions(query));
}

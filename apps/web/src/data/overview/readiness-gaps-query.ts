import { readinessReportSchema, toSearchParams, type ReadinessQuery, type ReadinessReport } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { overviewKeys } from './keys';

/** `/api/v1/analytics/readiness`: the Overview shows the services it finds single or uncovered on `asOf`. */
export function fetchReadinessReport(query: ReadinessQuery, signal?: AbortSignal): Promise<ReadinessReport> {
  return fetchJson(`/api/v1/analytics/readiness?${toSearchParams(query)}`, readinessReportSchema, signal);
}

export const readinessGapsQueryOptions = (query: ReadinessQuery) =>
  queryOptions({
    queryKey: overviewKeys.readiness(query),
    queryFn: ({ signal }) => fetchReadinessReport(query, signal),
    placeholderData: keepPreviousData,
  });

export function useReadinessGapsQuery(query: ReadinessQuery) {
  return useQuery(readinessGapsQueryOptions(query));
}

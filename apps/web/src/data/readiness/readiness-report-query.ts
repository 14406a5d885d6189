import { readinessReportSchema, toSearchParams, type ReadinessQuery, type ReadinessReport } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { fetchCsv, type CsvFile } from '../csv-file';
import { readinessKeys } from './keys';

/** `/api/v1/analytics/readiness?…` for a query (also the address of the daily series CSV). */
export function readinessReportPath(query: ReadinessQuery): string {
  return `/api/v1/analytics/readiness?${toSearchParams(query)}`;
}

export function fetchReadinessReport(query: ReadinessQuery, signal?: AbortSignal): Promise<ReadinessReport> {
  return fetchJson(readinessReportPath(query), readinessReportSchema, signal);
}

/** The daily series as the API writes it (`Accept: text/csv`). */
export function fetchReadinessSeriesCsv(query: ReadinessQuery): Promise<CsvFile> {
  return fetchCsv(readinessReportPath(query), 'readiness.csv');
}

export const readinessReportQueryOptions = (query: ReadinessQuery) =>
  queryOptions({
    queryKey: readinessKeys.report(query),
    queryFn: ({ signal }) => fetchReadinessReport(query, signal),
    // A filter change keeps the current charts on screen until the new figures arrive.
    placeholderData: keepPreviousData,
  });

/** `enabled` false holds the request back (the page waits to know how much of the team series to ask for). */
export function useReadinessReportQuery(query: ReadinessQuery, enabled = true) {
  return useQuery({ ...readinessReportQueryOptions(query), enabled });
}

import { overviewResponseSchema, toSearchParams, type OverviewQuery, type OverviewResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { fetchCsv, type CsvFile } from '../csv-file';
import { overviewKeys } from './keys';

/** `/api/v1/analytics/overview?…` for a query (also the address of its CSV). */
export function overviewReportPath(query: OverviewQuery): string {
  return `/api/v1/analytics/overview?${toSearchParams(query)}`;
}

export function fetchOverviewReport(query: OverviewQuery, signal?: AbortSignal): Promise<OverviewResponse> {
  return fetchJson(overviewReportPath(query), overviewResponseSchema, signal);
}

/** The figures as the API writes them (`Accept: text/csv`): figure, current, previous, change. */
export function fetchOverviewCsv(query: OverviewQuery): Promise<CsvFile> {
  return fetchCsv(overviewReportPath(query), 'overview.csv');
}

export const overviewReportQueryOptions = (query: OverviewQuery) =>
  queryOptions({
    queryKey: overviewKeys.report(query),
    queryFn: ({ signal }) => fetchOverviewReport(query, signal),
    // A filter change keeps the current figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

export function useOverviewReportQuery(query: OverviewQuery) {
  return useQuery(overviewReportQueryOptions(query));
}

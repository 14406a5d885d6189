import { oncallResponseSchema, toSearchParams, type OncallQuery, type OncallResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { fetchCsv, type CsvFile } from '../csv-file';
import { oncallKeys } from './keys';

/** `/api/v1/analytics/oncall?…` for a query (also the address of the responders CSV). */
export function oncallReportPath(query: OncallQuery): string {
  return `/api/v1/analytics/oncall?${toSearchParams(query)}`;
}

export function fetchOncallReport(query: OncallQuery, signal?: AbortSignal): Promise<OncallResponse> {
  return fetchJson(oncallReportPath(query), oncallResponseSchema, signal);
}

/** Every responder of the range as the API writes them (`Accept: text/csv`). */
export function fetchOncallRespondersCsv(query: OncallQuery): Promise<CsvFile> {
  return fetchCsv(oncallReportPath(query), 'oncall-responders.csv');
}

export const oncallReportQueryOptions = (query: OncallQuery) =>
  queryOptions({
    queryKey: oncallKeys.report(query),
    queryFn: ({ signal }) => fetchOncallReport(query, signal),
    // A filter change keeps the current charts on screen until the new figures arrive.
    placeholderData: keepPreviousData,
  });

export function useOncallReportQuery(query: OncallQuery) {
  return useQuery(oncallReportQueryOptions(query));
}

import { causesResponseSchema, toSearchParams, type CausesQuery, type CausesResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { fetchCsv, type CsvFile } from '../csv-file';
import { servicesKeys } from './keys';

/** `/api/v1/analytics/causes?…` for a query (also the address of its CSV). */
export function causesReportPath(query: CausesQuery): string {
  return `/api/v1/analytics/causes?${toSearchParams(query)}`;
}

export function fetchCausesReport(query: CausesQuery, signal?: AbortSignal): Promise<CausesResponse> {
  return fetchJson(causesReportPath(query), causesResponseSchema, signal);
}

/** The per-cause table as the API writes it (`Accept: text/csv`). */
export function fetchCausesCsv(query: CausesQuery): Promise<CsvFile> {
  return fetchCsv(causesReportPath(query), 'causes.csv');
}

export const causesReportQueryOptions = (query: CausesQuery) =>
  queryOptions({
    queryKey: servicesKeys.causes(query),
    queryFn: ({ signal }) => fetchCausesReport(query, signal),
    placeholderData: keepPreviousData,
  });

export function useCausesReportQuery(query: CausesQuery) {
  return useQuery(causesReportQueryOptions(query));
}

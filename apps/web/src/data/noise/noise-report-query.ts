import { noiseResponseSchema, toSearchParams, type NoiseQuery, type NoiseResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { fetchCsv, type CsvFile } from '../csv-file';
import { noiseKeys } from './keys';

/** `/api/v1/analytics/noise?…` for a query (also the address of the rules CSV). */
export function noiseReportPath(query: NoiseQuery): string {
  return `/api/v1/analytics/noise?${toSearchParams(query)}`;
}

export function fetchNoiseReport(query: NoiseQuery, signal?: AbortSignal): Promise<NoiseResponse> {
  return fetchJson(noiseReportPath(query), noiseResponseSchema, signal);
}

/** Every rule of the range as the API writes it (`Accept: text/csv`). */
export function fetchNoiseRulesCsv(query: NoiseQuery): Promise<CsvFile> {
  return fetchCsv(noiseReportPath(query), 'noise-rules.csv');
}

export const noiseReportQueryOptions = (query: NoiseQuery) =>
  queryOptions({
    queryKey: noiseKeys.report(query),
    queryFn: ({ signal }) => fetchNoiseReport(query, signal),
    // A filter change keeps the current charts on screen until the new figures arrive.
    placeholderData: keepPreviousData,
  });

export function useNoiseReportQuery(query: NoiseQuery) {
  return useQuery(noiseReportQueryOptions(query));
}

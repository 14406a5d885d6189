import { servicesResponseSchema, toSearchParams, type ServicesQuery, type ServicesResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { fetchCsv, type CsvFile } from '../csv-file';
import { servicesKeys } from './keys';

/** `/api/v1/analytics/services?…` for a query (also the address of its CSV). */
export function servicesReportPath(query: ServicesQuery): string {
  return `/api/v1/analytics/services?${toSearchParams(query)}`;
}

export function fetchServicesReport(query: ServicesQuery, signal?: AbortSignal): Promise<ServicesResponse> {
  return fetchJson(servicesReportPath(query), servicesResponseSchema, signal);
}

/** The per-service table as the API writes it (`Accept: text/csv`). */
export function fetchServicesCsv(query: ServicesQuery): Promise<CsvFile> {
  return fetchCsv(servicesReportPath(query), 'services.csv');
}

export const servicesReportQueryOptions = (query: ServicesQuery) =>
  queryOptions({
    queryKey: servicesKeys.services(query),
    queryFn: ({ signal }) => fetchServicesReport(query, signal),
    placeholderData: keepPreviousData,
  });

export function useServicesReportQuery(query: ServicesQuery) {
  return useQuery(servicesReportQueryOptions(query));
}

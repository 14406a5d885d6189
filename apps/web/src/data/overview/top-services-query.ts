import { servicesResponseSchema, toSearchParams, type ServicesQuery, type ServicesResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { overviewKeys } from './keys';

/** `/api/v1/analytics/services`: the Overview shows its first rows (ranked by hours). */
export function fetchServicesReport(query: ServicesQuery, signal?: AbortSignal): Promise<ServicesResponse> {
  return fetchJson(`/api/v1/analytics/services?${toSearchParams(query)}`, servicesResponseSchema, signal);
}

export const topServicesQueryOptions = (query: ServicesQuery) =>
  queryOptions({
    queryKey: overviewKeys.services(query),
    queryFn: ({ signal }) => fetchServicesReport(query, signal),
    placeholderData: keepPreviousData,
  });

export function useTopServicesQuery(query: ServicesQuery) {
  return useQuery(topServicesQueryOptions(query));
}

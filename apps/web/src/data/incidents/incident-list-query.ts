import {
  incidentListResponseSchema,
  toSearchParams,
  type IncidentListQuery,
  type IncidentListResponse,
} from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { incidentKeys } from './keys';

/** `/api/v1/incidents?…` for a query (also the address of its CSV). */
export function incidentListPath(query: IncidentListQuery): string {
  return `/api/v1/incidents?${toSearchParams(query)}`;
}

export function fetchIncidentList(query: IncidentListQuery, signal?: AbortSignal): Promise<IncidentListResponse> {
  return fetchJson(incidentListPath(query), incidentListResponseSchema, signal);
}

export const incidentListQueryOptions = (query: IncidentListQuery) =>
  queryOptions({
    queryKey: incidentKeys.list(query),
    queryFn: ({ signal }) => fetchIncidentList(query, signal),
    // Paging, sorting and typing a search keep the current rows on screen until the next ones arrive.
    placeholderData: keepPreviousData,
  });

export function useIncidentListQuery(query: IncidentListQuery) {
  return useQuery(incidentListQueryOptions(query));
}

import { incidentDetailSchema, toSearchParams, type IncidentDetail, type IncidentDetailQuery } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { incidentKeys } from './keys';

/** `/api/v1/incidents/{externalId}` (with `?source=` when the id exists in several sources). */
export function incidentDetailPath(externalId: string, query: IncidentDetailQuery): string {
  const search = toSearchParams(query).toString();
  return `/api/v1/incidents/${encodeURIComponent(externalId)}${search ? `?${search}` : ''}`;
}

export function fetchIncidentDetail(externalId: string, query: IncidentDetailQuery, signal?: AbortSignal): Promise<IncidentDetail> {
  return fetchJson(incidentDetailPath(externalId, query), incidentDetailSchema, signal);
}

export const incidentDetailQueryOptions = (externalId: string, query: IncidentDetailQuery) =>
  queryOptions({
    queryKey: incidentKeys.detail(externalId, query),
    queryFn: ({ signal }) => fetchIncidentDetail(externalId, query, signal),
  });

export function useIncidentDetailQuery(externalId: string, query: IncidentDetailQuery) {
  return useQuery(incidentDetailQueryOptions(externalId, query));
}

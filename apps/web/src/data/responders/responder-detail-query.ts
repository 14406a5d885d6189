import { responderDetailSchema, toSearchParams, type ResponderDetail, type ResponderQuery } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { responderKeys } from './keys';

/** `/api/v1/responders/{externalId}?…`. */
export function responderDetailPath(externalId: string, query: ResponderQuery): string {
  return `/api/v1/responders/${encodeURIComponent(externalId)}?${toSearchParams(query)}`;
}

export function fetchResponderDetail(externalId: string, query: ResponderQuery, signal?: AbortSignal): Promise<ResponderDetail> {
  return fetchJson(responderDetailPath(externalId, query), responderDetailSchema, signal);
}

export const responderDetailQueryOptions = (externalId: string, query: ResponderQuery) =>
  queryOptions({
    queryKey: responderKeys.detail(externalId, query),
    queryFn: ({ signal }) => fetchResponderDetail(externalId, query, signal),
    placeholderData: keepPreviousData,
  });

export function useResponderDetailQuery(externalId: string, query: ResponderQuery) {
  return useQuery(responderDetailQueryOptions(externalId, query));
}

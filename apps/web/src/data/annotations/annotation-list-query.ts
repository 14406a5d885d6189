import { annotationListResponseSchema, toSearchParams, type AnnotationListQuery, type AnnotationListResponse } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { annotationKeys } from './keys';

/** Annotations touching `[from, to)`, or every annotation when the query is empty. */
export function fetchAnnotationList(query: AnnotationListQuery, signal?: AbortSignal): Promise<AnnotationListResponse> {
  const search = toSearchParams(query).toString();
  return fetchJson(`/api/v1/annotations${search ? `?${search}` : ''}`, annotationListResponseSchema, signal);
}

export const annotationListQueryOptions = (query: AnnotationListQuery) =>
  queryOptions({ queryKey: annotationKeys.list(query), queryFn: ({ signal }) => fetchAnnotationList(query, signal) });

export function useAnnotationListQuery(query: AnnotationListQuery) {
  return useQuery(annotationListQueryOptions(query));
}

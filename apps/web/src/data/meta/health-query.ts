import { healthResponseSchema, type HealthResponse } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { metaKeys } from './keys';

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return fetchJson('/api/health', healthResponseSchema, signal);
}

export const healthQueryOptions = () =>
  queryOptions({ queryKey: metaKeys.health(), queryFn: ({ signal }) => fetchHealth(signal) });

export function useHealthQuery() {
  return useQuery(healthQueryOptions());
}

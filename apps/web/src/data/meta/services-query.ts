import { serviceListResponseSchema, type ServiceListResponse } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { metaKeys } from './keys';

export function fetchServices(signal?: AbortSignal): Promise<ServiceListResponse> {
  return fetchJson('/api/v1/services', serviceListResponseSchema, signal);
}

export const servicesQueryOptions = () =>
  queryOptions({ queryKey: metaKeys.services(), queryFn: ({ signal }) => fetchServices(signal) });

export function useServicesQuery() {
  return useQuery(servicesQueryOptions());
}

import { serviceListResponseSchema, type ServiceListResponse } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { metaKeys } from './keys';

export function fetchServices(signal?: AbortSignal): Promise<ServiceListResponse> {
  return fetchJson('/api/v1/services', serviceListResponseSchema, signal);
}

export const servicesQueryOptions = () =>
  queryOptions({ queryKey: metaKeys.services(), queryFn: ({ signal }) => fetchServices(signal) });

/** `enabled: false` leaves the list unrequested (an organisation may have thousands of services). */
export function useServicesQuery({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...servicesQueryOptions(), enabled });
}

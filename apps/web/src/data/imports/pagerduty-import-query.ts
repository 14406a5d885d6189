import { pagerDutyImportStatusSchema, type PagerDutyImportStart, type PagerDutyImportStatus } from '@firewatch/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson, postJson } from '../api-client';
import { importKeys } from './keys';

export const PAGERDUTY_IMPORT_PATH = '/api/v1/pagerduty/import';

/** How often the status is read again while a run is in progress. */
const RUNNING_POLL_MS = 1000;

export function fetchPagerDutyImport(signal?: AbortSignal): Promise<PagerDutyImportStatus> {
  return fetchJson(PAGERDUTY_IMPORT_PATH, pagerDutyImportStatusSchema, signal);
}

export const pagerDutyImportQueryOptions = () =>
  queryOptions({
    queryKey: importKeys.pagerDuty(),
    queryFn: ({ signal }) => fetchPagerDutyImport(signal),
    // Follows a running import until it ends; idle otherwise.
    refetchInterval: (query) => (query.state.data?.state === 'running' ? RUNNING_POLL_MS : false),
  });

export function usePagerDutyImportQuery() {
  return useQuery(pagerDutyImportQueryOptions());
}

export interface PagerDutyImportRequest extends PagerDutyImportStart {
  /** A token with the `ingest` scope: an import writes data. */
  token: string;
}

export function startPagerDutyImport({ token, ...body }: PagerDutyImportRequest): Promise<PagerDutyImportStatus> {
  return postJson(PAGERDUTY_IMPORT_PATH, body, token, pagerDutyImportStatusSchema);
}

export function useStartPagerDutyImportMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: importKeys.pagerDuty(),
    mutationFn: startPagerDutyImport,
    onSuccess: (status) => {
      // The answer is the running status: the query takes it and starts polling.
      queryClient.setQueryData(importKeys.pagerDuty(), status);
    },
  });
}

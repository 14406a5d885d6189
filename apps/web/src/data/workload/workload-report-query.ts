import { toSearchParams, workloadResponseSchema, type WorkloadQuery, type WorkloadResponse } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { fetchCsv, type CsvFile } from '../csv-file';
import { workloadKeys } from './keys';

/** `/api/v1/analytics/workload?…` for a query (also the address of the responders CSV). */
export function workloadReportPath(query: WorkloadQuery): string {
  return `/api/v1/analytics/workload?${toSearchParams(query)}`;
}

export function fetchWorkloadReport(query: WorkloadQuery, signal?: AbortSignal): Promise<WorkloadResponse> {
  return fetchJson(workloadReportPath(query), workloadResponseSchema, signal);
}

/** The responders table as the API writes it (`Accept: text/csv`). */
export function fetchWorkloadRespondersCsv(query: WorkloadQuery): Promise<CsvFile> {
  return fetchCsv(workloadReportPath(query), 'workload-responders.csv');
}

export const workloadReportQueryOptions = (query: WorkloadQuery) =>
  queryOptions({
    queryKey: workloadKeys.report(query),
    queryFn: ({ signal }) => fetchWorkloadReport(query, signal),
    // A filter change keeps the current charts on screen until the new figures arrive.
    placeholderData: keepPreviousData,
  });

export function useWorkloadReportQuery(query: WorkloadQuery) {
  return useQuery(workloadReportQueryOptions(query));
}

import type { WorkloadQuery } from '@firewatch/shared';

/** Query keys of the workload report: every filter is in the key. */
export const workloadKeys = {
  all: ['workload'] as const,
  reports: () => [...workloadKeys.all, 'report'] as const,
  report: (query: WorkloadQuery) => [...workloadKeys.reports(), query] as const,
};

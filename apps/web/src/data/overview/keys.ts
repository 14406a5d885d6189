import type { NoiseQuery, OverviewQuery, ReadinessQuery, ServicesQuery } from '@firewatch/shared';

/**
 * Query keys of what the Overview page reads: its own report and the other analytics' lists it
 * shows a slice of (top services, rules to tune first, readiness gaps). Every input is in the key.
 */
export const overviewKeys = {
  all: ['overview'] as const,
  reports: () => [...overviewKeys.all, 'report'] as const,
  report: (query: OverviewQuery) => [...overviewKeys.reports(), query] as const,
  services: (query: ServicesQuery) => [...overviewKeys.all, 'services', query] as const,
  noise: (query: NoiseQuery) => [...overviewKeys.all, 'noise', query] as const,
  readiness: (query: ReadinessQuery) => [...overviewKeys.all, 'readiness', query] as const,
};

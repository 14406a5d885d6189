import type { ReadinessQuery } from '@firewatch/shared';

/** Query keys of the readiness report: every filter and `asOf` are in the key. */
export const readinessKeys = {
  all: ['readiness'] as const,
  reports: () => [...readinessKeys.all, 'report'] as const,
  report: (query: ReadinessQuery) => [...readinessKeys.reports(), query] as const,
};

import type { NoiseQuery } from '@firewatch/shared';

/** Query keys of the pager noise report: every filter is in the key. */
export const noiseKeys = {
  all: ['noise'] as const,
  reports: () => [...noiseKeys.all, 'report'] as const,
  report: (query: NoiseQuery) => [...noiseKeys.reports(), query] as const,
};

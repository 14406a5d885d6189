import type { SeasonalityQuery } from '@firewatch/shared';

/** Query keys of the seasonality report: every filter is in the key. */
export const seasonalityKeys = {
  all: ['seasonality'] as const,
  reports: () => [...seasonalityKeys.all, 'report'] as const,
  report: (query: SeasonalityQuery) => [...seasonalityKeys.reports(), query] as const,
};

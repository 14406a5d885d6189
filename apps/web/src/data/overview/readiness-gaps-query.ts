import type { ReadinessQuery } from '@firewatch/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchReadinessReport } from '../readiness/readiness-report-query';
import { overviewKeys } from './keys';

/**
 * `/api/v1/analytics/readiness`: the Overview shows the services it finds single or uncovered on
 * `asOf`. It draws no team series, so it asks for each team's last day only (`teamSeries=last`).
 */
export const readinessGapsQueryOptions = (query: Omit<ReadinessQuery, 'teamSeries'>) => {
  const gapsQuery: ReadinessQuery = { ...query, teamSeries: 'last' };
  return queryOptions({
    queryKey: overviewKeys.readiness(gapsQuery),
    queryFn: ({ signal }) => fetchReadinessReport(gapsQuery, signal),
    placeholderData: keepPreviousData,
  });
};

export function useReadinessGapsQuery(query: Omit<ReadinessQuery, 'teamSeries'>) {
  return useQuery(readinessGapsQueryOptions(query));
}

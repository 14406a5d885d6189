import type { QueryClient } from '@tanstack/react-query';
import { annotationListQueryOptions } from '../data/annotations/annotation-list-query';
import { incidentDetailQueryOptions } from '../data/incidents/incident-detail-query';
import { incidentListQueryOptions } from '../data/incidents/incident-list-query';
import { healthQueryOptions } from '../data/meta/health-query';
import { servicesQueryOptions } from '../data/meta/services-query';
import { teamsQueryOptions } from '../data/meta/teams-query';
import { noiseReportQueryOptions } from '../data/noise/noise-report-query';
import { oncallReportQueryOptions } from '../data/oncall/oncall-report-query';
import { overviewReportQueryOptions } from '../data/overview/overview-report-query';
import { readinessGapsQueryOptions } from '../data/overview/readiness-gaps-query';
import { topServicesQueryOptions } from '../data/overview/top-services-query';
import { tuneFirstQueryOptions } from '../data/overview/tune-first-query';
import { readinessReportQueryOptions } from '../data/readiness/readiness-report-query';
import { responderDetailQueryOptions } from '../data/responders/responder-detail-query';
import { seasonalityReportQueryOptions } from '../data/seasonality/seasonality-report-query';
import { beforeAfterQueryOptions } from '../data/services/before-after-query';
import { causesReportQueryOptions } from '../data/services/causes-report-query';
import { servicesReportQueryOptions } from '../data/services/services-report-query';
import { settingsQueryOptions } from '../data/settings/settings-query';
import { workloadReportQueryOptions } from '../data/workload/workload-report-query';
import { analyticsQuery, lastIncludedDay, parseFilters, resolveDateRange } from '../features/filters/filter-state';
import { viewerToday } from '../features/filters/use-filters';
import { listQuery, parseView } from '../features/incidents/incident-list-state';
import { readAsOf, teamSeriesFor } from '../features/readiness/readiness-view';
import { parseReviewPeriod } from '../features/review/review-period';
import { beforeAfterQueryFor, chosenAnnotation, parseServicesView } from '../features/services/services-view';
import { loadPage, matchPage, type PageName } from './page-routes';

/**
 * Starts a page's code and data together, from its URL alone, before React renders it: the page's
 * chunk is imported while its API requests are already on the wire, and the page's own `useQuery`
 * calls then find their data in flight or in the cache (same query options, so the same keys).
 * Without this the requests would wait for the chunk, then for the first render.
 *
 * Called once at start-up (main.tsx) and on every navigation and link hover (shell.tsx). Repeat
 * calls cost nothing: a module loads once and `prefetchQuery` skips fresh or in-flight queries.
 * Each entry below mirrors the queries its page makes on first render; keep them in step.
 */
type PagePrefetch = (client: QueryClient, params: URLSearchParams, externalId: string | undefined) => void;

function filtersOf(params: URLSearchParams) {
  const filters = parseFilters(params);
  const range = resolveDateRange(filters.date, viewerToday());
  return { filters, range, query: analyticsQuery(filters, range) };
}

const pageData: Partial<Record<PageName, PagePrefetch>> = {
  overview: (client, params) => {
    const { range, query } = filtersOf(params);
    void client.prefetchQuery(overviewReportQueryOptions(query));
    void client.prefetchQuery(workloadReportQueryOptions(query));
    void client.prefetchQuery(topServicesQueryOptions(query));
    void client.prefetchQuery(tuneFirstQueryOptions(query));
    void client.prefetchQuery(readinessGapsQueryOptions({ ...query, asOf: lastIncludedDay(range) }));
  },
  review: (client, params) => {
    const range = parseReviewPeriod(params, viewerToday()).range;
    const query = analyticsQuery(parseFilters(params), range);
    void client.prefetchQuery(overviewReportQueryOptions(query));
    void client.prefetchQuery(topServicesQueryOptions(query));
    void client.prefetchQuery(causesReportQueryOptions(query));
    void client.prefetchQuery(tuneFirstQueryOptions(query));
    void client.prefetchQuery(readinessGapsQueryOptions({ ...query, asOf: lastIncludedDay(range) }));
    void client.prefetchQuery(oncallReportQueryOptions(query));
  },
  workload: (client, params) => {
    void client.prefetchQuery(workloadReportQueryOptions(filtersOf(params).query));
  },
  seasonality: (client, params) => {
    const { range, query } = filtersOf(params);
    void client.prefetchQuery(seasonalityReportQueryOptions(query));
    void client.prefetchQuery(annotationListQueryOptions({ from: range.from, to: range.to }));
  },
  services: (client, params) => {
    const { filters, query } = filtersOf(params);
    const view = parseServicesView(params);
    if (view.by === 'services') void client.prefetchQuery(servicesReportQueryOptions(query));
    else void client.prefetchQuery(causesReportQueryOptions(query));
    // The before/after chart needs the annotations first (which one to compare around).
    void client
      .fetchQuery(annotationListQueryOptions({}))
      .then((annotations) => {
        const beforeAfter = beforeAfterQueryFor(chosenAnnotation(annotations.items, view), view, filters);
        if (beforeAfter) void client.prefetchQuery(beforeAfterQueryOptions(beforeAfter));
      })
      .catch(() => {
        // The page shows the annotations' error itself.
      });
  },
  noise: (client, params) => {
    void client.prefetchQuery(noiseReportQueryOptions(filtersOf(params).query));
  },
  oncall: (client, params) => {
    void client.prefetchQuery(oncallReportQueryOptions(filtersOf(params).query));
  },
  readiness: (client, params) => {
    const { filters, query } = filtersOf(params);
    const asOf = readAsOf(params) ?? undefined;
    const prefetch = (teamCount: number | null) =>
      void client.prefetchQuery(readinessReportQueryOptions({ ...query, asOf, teamSeries: teamSeriesFor(filters.team, teamCount) }));
    // How much of the team series to ask for depends on the number of teams (the shell loads the list).
    if (filters.team !== null) prefetch(null);
    else
      client.fetchQuery(teamsQueryOptions()).then(
        (teams) => prefetch(teams.items.length),
        () => prefetch(null),
      );
  },
  incidents: (client, params) => {
    const { filters, range } = filtersOf(params);
    void client.prefetchQuery(incidentListQueryOptions(listQuery(filters, range, parseView(params))));
  },
  incidentDetail: (client, params, externalId) => {
    if (externalId === undefined) return;
    void client.prefetchQuery(incidentDetailQueryOptions(externalId, { source: params.get('source') ?? undefined }));
    void client.prefetchQuery(settingsQueryOptions());
  },
  responder: (client, params, externalId) => {
    if (externalId === undefined) return;
    const { range } = filtersOf(params);
    void client.prefetchQuery(responderDetailQueryOptions(externalId, { from: range.from, to: range.to, asOf: readAsOf(params) ?? undefined }));
  },
};

/**
 * The shell's own requests on every page: the API status and the filter bar's teams; its services
 * only when the URL filters by service (the bar names them), as the filter bar asks for them.
 */
export function prefetchShell(client: QueryClient, search: string): void {
  void client.prefetchQuery(healthQueryOptions());
  void client.prefetchQuery(teamsQueryOptions());
  if (parseFilters(new URLSearchParams(search)).services.length > 0) void client.prefetchQuery(servicesQueryOptions());
}

/**
 * Starts the chunk and the data of the page at `pathname` + `search` (a location or a link's target).
 * Resolves when the page's chunk has loaded, or has failed to (the route then shows the error).
 */
export function prefetchPage(client: QueryClient, pathname: string, search: string): Promise<void> {
  const { page, externalId } = matchPage(pathname);
  // Data first: the browser opens few connections per host, and the API answer is the longer wait.
  pageData[page]?.(client, new URLSearchParams(search), externalId);
  return loadPage(page).then(
    () => undefined,
    () => {
      // A chunk that fails to load fails again when the route renders, which shows the error.
    },
  );
}

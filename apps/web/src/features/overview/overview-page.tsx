import type { NoiseTuneFirst, ServiceBreakdownItem, ServiceCoverage } from '@firewatch/shared';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import { saveCsv } from '../../components/charts/csv';
import type { TableColumn } from '../../components/charts/data-table';
import { RankingChart } from '../../components/charts/ranking-chart';
import { definitionPath } from '../../components/charts/definition-link';
import { PageHeader } from '../../components/page-header';
import { describeError } from '../../data/api-client';
import { fetchOverviewCsv, useOverviewReportQuery } from '../../data/overview/overview-report-query';
import { useReadinessGapsQuery } from '../../data/overview/readiness-gaps-query';
import { useTopServicesQuery } from '../../data/overview/top-services-query';
import { useTuneFirstQuery } from '../../data/overview/tune-first-query';
import { useWorkloadReportQuery } from '../../data/workload/workload-report-query';
import { FilterBar } from '../filters/filter-bar';
import { analyticsQuery, filterSearch, formatDateRange, lastIncludedDay, serializeFilters, type FilterState } from '../filters/filter-state';
import { useFilters } from '../filters/use-filters';
import { withSelectedRule } from '../noise/noise-view';
import { namesOf } from '../readiness/readiness-view';
import { WeeklyHoursCard } from '../workload/weekly-hours-card';
import { overviewDefinitions, overviewHeadlines, readinessGaps, serviceHourSeries, topServiceColumns, topServices, tuneFirstColumns, tuneFirstSeries, TUNE_FIRST_ROWS, type OverviewHeadline } from './overview-view';
import '../workload/workload.css';
import './overview.css';

const gapColumns: TableColumn<ServiceCoverage>[] = [
  { header: 'Service', csvHeader: 'name', value: (s) => s.name },
  { header: 'Status', csvHeader: 'status', value: (s) => (s.status === 'single' ? 'single point of knowledge' : s.status) },
  { header: 'Ready responders', csvHeader: 'ready', unit: 'count', value: (s) => s.ready },
  { header: 'Who', csvHeader: 'responders', value: (s) => namesOf(s.readyResponders) },
];

const TONE_LABEL = { better: 'better', worse: 'worse', same: 'unchanged' } as const;
/** ↑ / ↓ before a signed change, so the direction reads without colour. */
const arrow = (change: string): string => (change.startsWith('+') ? '↑ ' : change.startsWith('−') ? '↓ ' : '');

/** One headline: the figure, its change vs the previous period, and a link to the page explaining it. */
function HeadlineTile({ headline, search }: { headline: OverviewHeadline; search: string }) {
  return (
    <li className="overview-tile" data-figure={headline.figure}>
      <Link to={`${headline.page}${search}`} className="overview-tile-link">
        <span className="overview-tile-label">{headline.label}</span>
        <strong className="overview-tile-value">{headline.value}</strong>
        <span className="overview-tile-change" data-tone={headline.tone ?? undefined}>
          {arrow(headline.change)}
          {headline.change}
          {headline.tone && headline.tone !== 'same' && <span className="overview-tone"> · {TONE_LABEL[headline.tone]}</span>}
        </span>
        <span className="overview-tile-previous muted">previous period: {headline.previous}</span>
        {headline.note && <span className="overview-tile-note muted">{headline.note}</span>}
      </Link>
    </li>
  );
}

export default function OverviewPage() {
  const { filters, range, search } = useFilters();
  const navigate = useNavigate();
  const query = useMemo(() => analyticsQuery(filters, range), [filters, range]);
  const readinessQuery = useMemo(() => ({ ...query, asOf: lastIncludedDay(range) }), [query, range]);
  const overview = useOverviewReportQuery(query);
  const workload = useWorkloadReportQuery(query);
  const services = useTopServicesQuery(query);
  const noise = useTuneFirstQuery(query);
  const readiness = useReadinessGapsQuery(readinessQuery);

  const statusOf = (q: { data?: unknown; isError: boolean }): ChartStatus => (q.data ? 'success' : q.isError ? 'error' : 'pending');
  const fileRange = `${range.from}_${range.to}`;
  const report = overview.data;
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  async function downloadFigures() {
    setCsvBusy(true);
    setCsvError(null);
    try {
      const file = await fetchOverviewCsv(query);
      saveCsv(file.csv, file.filename);
    } catch (error) {
      setCsvError(describeError(error));
    } finally {
      setCsvBusy(false);
    }
  }
  const headlines = report ? overviewHeadlines(report) : [];
  const withFilters = (path: string, state: FilterState = filters) => `${path}${filterSearch(state)}`;
  /** A rule → its panel on the Pager noise page (its classes, interruptions and feedback), same filters. */
  const rulePath = (rule: NoiseTuneFirst) => `/noise?${withSelectedRule(serializeFilters(filters), rule).toString()}`;
  const servicePath = (service: ServiceBreakdownItem | ServiceCoverage) => withFilters('/incidents', { ...filters, services: [service.externalId] });
  const top = topServices(services.data?.items ?? []);
  const rules = (noise.data?.tuneFirst ?? []).slice(0, TUNE_FIRST_ROWS);
  const gaps = readinessGaps(readiness.data?.services ?? []);

  return (
    <>
      <PageHeader title="Overview" question="How heavy was the operational load in this period, compared with the period before it?" />
      <FilterBar />
      <section className="panel overview-headlines" aria-label="Headline figures" aria-busy={overview.isFetching} data-updating={overview.isPlaceholderData}>
        <div className="overview-headlines-header">
          <h2>
            {report ? (
              <>
                {formatDateRange({ from: report.current.from, to: report.current.to })}{' '}
                <span className="muted">vs {formatDateRange({ from: report.previous.from, to: report.previous.to })}</span>
              </>
            ) : (
              'Headline figures'
            )}
          </h2>
          <div className="overview-headlines-actions">
            <Link to={definitionPath(overviewDefinitions.overview)}>Definition</Link>
            {report && (
              <button type="button" className="button" disabled={csvBusy} onClick={() => void downloadFigures()}>
                Download CSV
              </button>
            )}
          </div>
        </div>
        {csvError && (
          <p className="banner banner-error" role="alert">
            The CSV could not be downloaded: {csvError}
          </p>
        )}
        {overview.isError && (
          <p className="banner banner-error" role="alert">
            The figures could not be loaded: {describeError(overview.error)}{' '}
            <button type="button" className="button" onClick={() => void overview.refetch()}>
              Retry
            </button>
          </p>
        )}
        {!report && !overview.isError && <p className="muted">Loading the figures…</p>}
        {report && (
          <ul className="overview-tiles">
            {headlines.map((h) => (
              <HeadlineTile key={h.figure} headline={h} search={search} />
            ))}
          </ul>
        )}
        {report && !report.current.onCall && !report.previous.onCall && (
          <p className="muted overview-footnote">No on-call shifts overlap these periods: incidents per shift and time on call appear once shifts are ingested.</p>
        )}
      </section>

      <div className="chart-grid">
        <WeeklyHoursCard
          report={workload.data}
          status={statusOf(workload)}
          error={workload.error}
          onRetry={() => void workload.refetch()}
          title="Weekly load: responder hours per week (hours)"
          description={(timeZone) => `Weeks start on Monday in ${timeZone}. Click a bar for the incidents declared that week.`}
          definition={overviewDefinitions.workload}
          csvFilename={`overview-weekly_${fileRange}.csv`}
        />

        <ChartCard
          status={statusOf(services)}
          error={services.error}
          onRetry={() => void services.refetch()}
          title="Top services by responder hours (hours)"
          description={
            <>
              Each incident gives 1/k of its hours to each of its k services. <Link to={withFilters('/services')}>All services and causes</Link>
            </>
          }
          definition={overviewDefinitions.services}
          rows={top}
          columns={topServiceColumns}
          rowKey={(s) => s.externalId}
          rowLink={servicePath}
          csvFilename={`overview-top-services_${fileRange}.csv`}
          empty={top.length === 0}
          emptyText="No service has responder hours in this range."
        >
          <RankingChart
            rows={top}
            category={(s) => s.name}
            series={serviceHourSeries}
            unit="hours"
            onSelect={(s) => navigate(servicePath(s))}
            selectHint="Click to see the service’s incidents"
          />
        </ChartCard>

        <ChartCard
          status={statusOf(noise)}
          error={noise.error}
          onRetry={() => void noise.refetch()}
          title="Alert rules to tune first (noisy interruptions)"
          description={
            <>
              Interruptions by alerts that were not actionable; those while asleep weigh 3× in the ranking. <Link to={withFilters('/noise')}>Pager noise</Link>
            </>
          }
          definition={overviewDefinitions.noise}
          rows={rules}
          columns={tuneFirstColumns}
          rowKey={(r) => `${r.source}/${r.rule}`}
          rowLink={rulePath}
          csvFilename={`overview-tune-first_${fileRange}.csv`}
          empty={rules.length === 0}
          emptyText="No alert rule woke anyone for nothing in this range."
        >
          <RankingChart rows={rules} category={(r) => r.rule} series={tuneFirstSeries} unit="count" onSelect={(r) => navigate(rulePath(r))} selectHint="Click for the rule on the Pager noise page" labelWidth={200} />
        </ChartCard>

        <ChartCard
          status={statusOf(readiness)}
          error={readiness.error}
          onRetry={() => void readiness.refetch()}
          className="chart-grid-wide"
          title={`Services with readiness gaps on ${readinessQuery.asOf} (ready responders)`}
          description={
            <>
              Uncovered: nobody ready has recent experience of the service; single: one person only. <Link to={withFilters('/readiness')}>Readiness</Link>
            </>
          }
          definition={overviewDefinitions.readiness}
          rows={gaps}
          columns={gapColumns}
          rowKey={(s) => s.externalId}
          rowLink={() => withFilters('/readiness')}
          csvFilename={`overview-readiness-gaps_${fileRange}.csv`}
          empty={gaps.length === 0}
          emptyText="Every service has at least two ready responders."
        >
          <table className="overview-gaps">
            <caption className="visually-hidden">Services with readiness gaps</caption>
            <tbody>
              {gaps.map((s) => (
                <tr key={s.externalId} data-status={s.status}>
                  <td>
                    <Link to={withFilters('/readiness')}>{s.name}</Link>{' '}
                    <span className="overview-gap-status">
                      {s.status === 'uncovered' ? 'uncovered: nobody ready' : `single point of knowledge: ${namesOf(s.readyResponders)}`}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartCard>
      </div>
    </>
  );
}

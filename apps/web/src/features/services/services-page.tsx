import type { BeforeAfterResponse } from '@firewatch/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import { ChartControls, ChartSelect } from '../../components/charts/chart-select';
import { ComboChart, type ComboSeries } from '../../components/charts/combo-chart';
import { saveCsv } from '../../components/charts/csv';
import type { TableColumn } from '../../components/charts/data-table';
import { formatCount, formatHours } from '../../components/charts/format';
import { measureColors } from '../../components/charts/measure-colors';
import { RANKING_ROWS } from '../../components/charts/ranking-rows';
import { HeadlineFigures } from '../../components/headline-figures';
import { PageHeader } from '../../components/page-header';
import { useAnnotationListQuery } from '../../data/annotations/annotation-list-query';
import { useBeforeAfterQuery } from '../../data/services/before-after-query';
import { causesReportQueryOptions, fetchCausesCsv } from '../../data/services/causes-report-query';
import { fetchServicesCsv, servicesReportQueryOptions } from '../../data/services/services-report-query';
import { StaleFiguresBanner } from '../../components/stale-figures-banner';
import { FilterBar } from '../filters/filter-bar';
import { analyticsQuery, formatDateRange, type DateRange } from '../filters/filter-state';
import { incidentsPagePath, type IncidentDrill } from '../incidents/incident-list-state';
import { RangeEmptyState } from '../filters/range-empty-state';
import { useFilters } from '../filters/use-filters';
import '../workload/workload.css';
import {
  annotationOptionLabel,
  beforeAfterSentence,
  beforeAfterWeekLabel,
  beforeAfterWeekName,
  beforeAfterWeekRange,
  beforeAfterWeekChoices,
  beforeAfterWeekTick,
  breakdownRows,
  comparedServices,
  beforeAfterQueryFor,
  chosenAnnotation,
  formatChange,
  parseServicesView,
  SERVICES_DEFINITION,
  withServicesView,
  type BreakdownRow,
  type ServicesView,
} from './services-view';
import './services.css';

const paretoBars: ComboSeries<BreakdownRow>[] = [{ key: 'hours', label: 'Workload hours', color: measureColors.workloadHours, value: (r) => r.workloadHours }];
const paretoLines: ComboSeries<BreakdownRow>[] = [
  { key: 'cumulative', label: 'Cumulative share of hours', color: measureColors.share, dashed: true, value: (r) => r.cumulativeShare },
];

type Week = BeforeAfterResponse['weekly'][number];
const beforeAfterBars: ComboSeries<Week>[] = [{ key: 'hours', label: 'Workload hours', color: measureColors.workloadHours, value: (w) => w.workloadHours }];
const beforeAfterLines: ComboSeries<Week>[] = [{ key: 'incidents', label: 'Incidents', color: measureColors.incidents, value: (w) => w.incidents }];
const beforeAfterColumns: TableColumn<Week>[] = [
  { header: 'Week', csvHeader: 'week', value: (w) => beforeAfterWeekName(w.week) },
  { header: 'From', csvHeader: 'from', value: (w) => w.from },
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (w) => w.incidents },
  { header: 'Workload (h)', csvHeader: 'workload_hours', unit: 'hours', value: (w) => w.workloadHours },
];

export default function ServicesPage() {
  const { filters, range } = useFilters();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseServicesView(searchParams), [searchParams]);
  const setView = (change: Partial<ServicesView>) => setSearchParams((current) => withServicesView(current, { ...parseServicesView(current), ...change }));
  const navigate = useNavigate();
  const query = useMemo(() => analyticsQuery(filters, range), [filters, range]);
  // Only the breakdown on screen is fetched.
  const servicesReport = useQuery({ ...servicesReportQueryOptions(query), enabled: view.by === 'services' });
  const causesReport = useQuery({ ...causesReportQueryOptions(query), enabled: view.by === 'causes' });
  const report = view.by === 'services' ? servicesReport : causesReport;
  const data = report.data;
  const rows = useMemo(() => breakdownRows(data?.items ?? []), [data]);
  const status: ChartStatus = data ? 'success' : report.isError ? 'error' : 'pending';
  const common = { status, error: report.error, onRetry: () => void report.refetch() };
  const fileRange = `${range.from}_${range.to}`;
  const noun = view.by === 'services' ? 'service' : 'cause';
  const Noun = view.by === 'services' ? 'Service' : 'Cause';
  const noData = data !== undefined && !report.isPlaceholderData && data.totals.incidents === 0 && data.totals.workloadHours === 0 && rows.length === 0;

  const incidentsPath = (days: DateRange, services: readonly string[], drill?: IncidentDrill) =>
    incidentsPagePath({ ...filters, services: [...services], date: { preset: 'custom', ...days } }, drill);
  /**
   * A service's bar or row → its incidents in the range, same team and severity; a cause's → the
   * incidents with that cause tag in the range, all filters kept.
   */
  const rowPath =
    view.by === 'services' ? (row: BreakdownRow) => incidentsPath(range, [row.key]) : (row: BreakdownRow) => incidentsPath(range, filters.services, { cause: row.key });
  const nameOf = new Map(rows.map((r) => [r.key, r.name]));

  const columns: TableColumn<BreakdownRow>[] = [
    { header: Noun, csvHeader: noun, value: (r) => r.name },
    { header: 'Incidents*', csvHeader: 'incidents', unit: 'count', value: (r) => r.incidents },
    { header: 'Previous*', csvHeader: 'previous_incidents', unit: 'count', value: (r) => r.previous.incidents },
    { header: 'Change', csvHeader: 'incidents_change', value: (r) => formatChange(r.incidentsChange, r.incidents) },
    { header: 'Major*', csvHeader: 'major_incidents', unit: 'count', value: (r) => r.majorIncidents },
    { header: 'Workload (h)', csvHeader: 'workload_hours', unit: 'hours', value: (r) => r.workloadHours },
    { header: 'Previous (h)', csvHeader: 'previous_workload_hours', unit: 'hours', value: (r) => r.previous.workloadHours },
    { header: 'Change (h)', csvHeader: 'workload_hours_change', value: (r) => formatChange(r.workloadHoursChange, r.workloadHours) },
    { header: 'Out of hours (h)', csvHeader: 'out_of_hours_hours', unit: 'hours', value: (r) => r.outOfHoursHours },
    { header: 'Pages', csvHeader: 'pages', unit: 'count', value: (r) => r.pages },
    { header: 'Median TTR (min)', csvHeader: 'ttr_median_minutes', unit: 'minutes', value: (r) => r.ttrMedianMinutes },
    { header: 'Cumulative share', csvHeader: 'cumulative_share', unit: 'percent', value: (r) => r.cumulativeShare },
  ];
  /** What the Pareto and the table share: the rows, their table and CSV (the API's own), where a row leads. */
  const breakdownCard = {
    ...common,
    definition: SERVICES_DEFINITION,
    rows,
    columns,
    rowKey: (r: BreakdownRow) => r.key,
    rowLink: rowPath,
    csvFilename: `${view.by}_${fileRange}.csv`,
    downloadCsv: async () => {
      const file = view.by === 'services' ? await fetchServicesCsv(query) : await fetchCausesCsv(query);
      saveCsv(file.csv, file.filename);
    },
  };

  // Before / after: the annotations to choose from (all of them, not only those in the range).
  const annotations = useAnnotationListQuery({});
  const annotationItems = annotations.data?.items ?? [];
  const chosen = chosenAnnotation(annotationItems, view);
  const beforeAfterQuery = beforeAfterQueryFor(chosen, view, filters);
  const services = chosen ? comparedServices(chosen, filters.services) : null;
  const beforeAfter = useBeforeAfterQuery(beforeAfterQuery);
  const comparison = beforeAfter.data;
  const comparisonStatus: ChartStatus = annotations.isError || beforeAfter.isError ? 'error' : annotations.isPending || (beforeAfterQuery && !comparison) ? 'pending' : 'success';
  const comparedIds = comparison?.services.map((s) => s.externalId) ?? [];
  const weekPath = (week: Week) => incidentsPath(beforeAfterWeekRange(week), comparedIds);
  const afterStart = comparison?.weekly.find((w) => w.week === 0)?.week;

  return (
    <>
      <PageHeader
        title="Services & causes"
        question="Which services and causes cost the most responder hours, how does that compare with the previous period, and what changed after a launch?"
      />
      <FilterBar />
      <StaleFiguresBanner query={report} />
      <div className="panel services-switch">
        <ChartControls label="Breakdown">
          <ChartSelect
            label="Break down by"
            value={view.by}
            options={[
              { value: 'services', label: 'Services' },
              { value: 'causes', label: 'Causes (tags)' },
            ]}
            onChange={(by) => setView({ by })}
          />
        </ChartControls>
      </div>
      {noData ? (
        <RangeEmptyState records="incidents or workload" />
      ) : (
        <div className="chart-grid" aria-busy={report.isFetching} data-updating={report.isPlaceholderData}>
          {data && (
            <section className="panel chart-grid-wide" aria-label="Headline figures">
              <HeadlineFigures
                label={`Totals ${formatDateRange(range)}`}
                figures={[
                  { label: 'Incidents', value: formatCount(data.totals.incidents), note: 'each counted once' },
                  { label: 'Workload', value: formatHours(data.totals.workloadHours), color: measureColors.workloadHours },
                  { label: 'Out of hours', value: formatHours(data.totals.outOfHoursHours), note: 'late + sleeping' },
                  { label: `Without a ${noun}`, value: formatHours(data.unassigned.workloadHours), note: `${formatCount(data.unassigned.incidents)} incidents` },
                ]}
              />
            </section>
          )}

          <ChartCard
            className="chart-grid-wide"
            title={`Workload hours per ${noun}, ranked, with the cumulative share (hours, %)`}
            description={
              <>
                Bars: each {noun}’s hours (an incident with k {view.by} gives each 1/k of its hours, so hours add up); dashed line: the share of all
                hours of this {noun} and those ranked above it.{' '}
                {rows.length > RANKING_ROWS ? `The ${RANKING_ROWS} ${view.by} with the most hours of ${formatCount(rows.length)}; the table lists all. ` : ''}
                {`Click a bar for the ${noun}’s incidents.`}
              </>
            }
            {...breakdownCard}
            empty={!data || rows.every((r) => r.workloadHours === 0)}
            emptyText={`No ${noun} has workload hours ${formatDateRange(range)}.`}
          >
            <ComboChart
              rows={rows.slice(0, RANKING_ROWS)}
              category={(r) => r.key}
              bars={paretoBars}
              lines={paretoLines}
              unit="hours"
              rightAxis={{ unit: 'percent', seriesKeys: ['cumulative'], max: 1 }}
              everyTick
              slantedTicks
              formatTick={(key) => {
                const name = nameOf.get(key) ?? key;
                return name.length > 14 ? `${name.slice(0, 13)}…` : name;
              }}
              formatLabel={(key) => nameOf.get(key) ?? key}
              onSelect={(row) => navigate(rowPath(row))}
              selectHint={`Click to see this ${noun}’s incidents`}
              height={360}
            />
          </ChartCard>

          <ChartCard
            className="chart-grid-wide"
            title={`Per ${noun}: this period vs the previous (count, hours, minutes)`}
            description={
              data ? (
                <>
                  {formatDateRange(range)} against {formatDateRange(data.previousRange)}.{' '}
                  {!data.incidentCountsAdditive && (
                    <strong>
                      * Incident counts do not add up: an incident touching several {view.by} counts once for each ({formatCount(data.totals.incidents)}{' '}
                      incidents in all). Hours add up.
                    </strong>
                  )}{' '}
                  Change: this period ÷ previous − 1; “new” when the previous period had none.
                  {` A ${noun}’s name opens its incidents.`}
                </>
              ) : undefined
            }
            {...breakdownCard}
            empty={!data || rows.length === 0}
            emptyText={`No ${noun} has incidents, workload or pages ${formatDateRange(range)} or in the period before.`}
          />

          <ChartCard
            status={comparisonStatus}
            error={beforeAfter.error ?? annotations.error}
            onRetry={() => void (annotations.isError ? annotations.refetch() : beforeAfter.refetch())}
            className="chart-grid-wide"
            title="Before and after an annotation: workload hours and incidents per week (hours, count)"
            description={
              comparison ? (
                <>
                  <span className="before-after-sentence">{beforeAfterSentence(comparison)}</span> Seven-day windows counted from the annotation’s day
                  ({comparison.timezone}); the date range of the filter bar does not apply, team and severity do. Click a week for its incidents.
                </>
              ) : (
                'Choose an annotation (a launch, a migration…) to compare the weeks before it with the weeks after.'
              )
            }
            definition={SERVICES_DEFINITION}
            rows={comparison?.weekly ?? []}
            columns={beforeAfterColumns}
            rowKey={(w) => String(w.week)}
            rowLink={weekPath}
            csvFilename={`before-after_${chosen?.externalId ?? 'none'}_${view.weeks}w.csv`}
            empty={!comparison || (comparison.before.incidents === 0 && comparison.after.incidents === 0 && comparison.before.workloadHours === 0 && comparison.after.workloadHours === 0)}
            emptyText={
              annotations.data && annotationItems.length === 0
                ? 'No annotation has been recorded yet: import launches, migrations or freezes as annotations to compare around them.'
                : chosen && !services
                  ? `${chosen.title} names no services: choose the services to compare in the filter bar.`
                  : 'No incident or workload on these services in the weeks around the annotation.'
            }
            controls={
              <ChartControls label="Before and after options">
                <ChartSelect
                  label="Annotation"
                  value={chosen?.externalId ?? ''}
                  options={annotationItems.map((a) => ({ value: a.externalId, label: annotationOptionLabel(a) }))}
                  onChange={(annotation) => setView({ annotation })}
                />
                <ChartSelect
                  label="Weeks on each side"
                  value={String(view.weeks)}
                  options={beforeAfterWeekChoices.map((w) => ({ value: String(w), label: `${w} weeks` }))}
                  onChange={(weeks) => setView({ weeks: Number(weeks) })}
                />
              </ChartControls>
            }
          >
            {comparison && (
              <ComboChart
                rows={comparison.weekly}
                category={(w) => String(w.week)}
                bars={beforeAfterBars}
                lines={beforeAfterLines}
                unit="hours"
                rightAxis={{ unit: 'count', seriesKeys: ['incidents'] }}
                markers={afterStart !== undefined ? [{ key: 'annotation', category: String(afterStart), label: comparison.annotation.title }] : []}
                formatTick={(week) => beforeAfterWeekTick(Number(week))}
                formatLabel={(week) => {
                  const row = comparison.weekly.find((w) => String(w.week) === week);
                  return row ? beforeAfterWeekLabel(row.week, row.from) : week;
                }}
                onSelect={(week) => navigate(weekPath(week))}
                selectHint="Click to see this week’s incidents on these services"
              />
            )}
          </ChartCard>
        </div>
      )}
    </>
  );
}

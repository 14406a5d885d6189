import type { HeatmapCell, SeasonalityPeriod } from '@firewatch/shared';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hourLabels, monthNames, weekdayNames, weekdayShortNames } from '../../components/calendar-labels';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import { ChartControls, ChartSelect } from '../../components/charts/chart-select';
import { ComboChart, type ComboSeries } from '../../components/charts/combo-chart';
import type { TableColumn } from '../../components/charts/data-table';
import { definitionPath } from '../../components/charts/definition-link';
import { formatCount, type Unit } from '../../components/charts/format';
import { HeatmapChart } from '../../components/charts/heatmap-chart';
import { categoricalColors, measureColors, severityColors } from '../../components/charts/measure-colors';
import { PageHeader } from '../../components/page-header';
import { useAnnotationListQuery } from '../../data/annotations/annotation-list-query';
import { describeError } from '../../data/api-client';
import { useSeasonalityReportQuery } from '../../data/seasonality/seasonality-report-query';
import { StaleFiguresBanner } from '../../components/stale-figures-banner';
import { FilterBar } from '../filters/filter-bar';
import { analyticsQuery, formatDateRange, type DateRange } from '../filters/filter-state';
import { RangeEmptyState } from '../filters/range-empty-state';
import { incidentsPagePath, type IncidentDrill } from '../incidents/incident-list-state';
import { useFilters } from '../filters/use-filters';
import '../workload/workload.css';
import {
  annotationMarkers,
  describeHeatmapCell,
  granularities,
  granularityLabels,
  heatmapCellAt,
  heatmapMeasures,
  holidayEffectSentence,
  monthDrillRange,
  parseSeasonalityView,
  periodDrillRange,
  periodLabel,
  periodTick,
  profileRows,
  weekdayProfileRows,
  SEASONALITY_DEFINITION,
  trendMeasureLabels,
  trendMeasures,
  withSeasonalityView,
  yearKey,
  yearOverYearRows,
  type ProfileRow,
  type WeekdayProfileRow,
  type SeasonalityView,
  type TrendMeasure,
  type YearOverYearRow,
} from './seasonality-view';
import './seasonality.css';

const measureUnits: Record<TrendMeasure, Unit> = { incidents: 'count', workloadHours: 'hours', pages: 'count' };
const measureUnitNames: Record<TrendMeasure, string> = { incidents: 'count', workloadHours: 'hours', pages: 'count' };
const periodNouns = { daily: 'day', weekly: 'week', monthly: 'month' } as const;

/** The bars of the trend: incidents stacked by severity, or one bar of hours or pages. */
function trendSeries(measure: TrendMeasure): ComboSeries<SeasonalityPeriod>[] {
  if (measure === 'incidents') {
    return severityColors.map((color, i) => ({ key: `sev${i + 1}`, label: `SEV${i + 1}`, color, value: (row) => row.bySeverity[i] ?? 0 }));
  }
  return [{ key: measure, label: trendMeasureLabels[measure], color: measureColors[measure], value: (row) => row[measure] }];
}

const trendColumns: TableColumn<SeasonalityPeriod>[] = [
  { header: 'Period (first day)', csvHeader: 'period', value: (p) => p.period },
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (p) => p.incidents },
  ...[1, 2, 3, 4, 5].map((sev): TableColumn<SeasonalityPeriod> => ({ header: `SEV${sev}`, csvHeader: `sev${sev}`, unit: 'count', value: (p) => p.bySeverity[sev - 1] ?? 0 })),
  { header: 'Major incidents', csvHeader: 'major_incidents', unit: 'count', value: (p) => p.majorIncidents },
  { header: 'Workload (h)', csvHeader: 'workload_hours', unit: 'hours', value: (p) => p.workloadHours },
  { header: 'Pages', csvHeader: 'pages', unit: 'count', value: (p) => p.pages },
];

const heatmapColumns: TableColumn<HeatmapCell>[] = [
  { header: 'Weekday', csvHeader: 'weekday', value: (c) => weekdayNames[c.weekday - 1] ?? String(c.weekday) },
  { header: 'Hour', csvHeader: 'hour', value: (c) => `${hourLabels[c.hour]}:00` },
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (c) => c.incidents },
  { header: 'Pages', csvHeader: 'pages', unit: 'count', value: (c) => c.pages },
];

const profileColumns = (what: string): TableColumn<ProfileRow>[] => [
  { header: what, csvHeader: what.toLowerCase(), value: (r) => r.label },
  { header: 'Index (% of an average day)', csvHeader: 'index', unit: 'percent', value: (r) => r.index },
];
const weekdayColumns: TableColumn<WeekdayProfileRow>[] = [
  { header: 'Weekday', csvHeader: 'weekday', value: (r) => r.label },
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (r) => r.incidents },
  { header: 'Index (% of an average day)', csvHeader: 'index', unit: 'percent', value: (r) => r.index },
];
const indexSeries: ComboSeries<ProfileRow>[] = [{ key: 'index', label: 'Incidents per day vs average', color: measureColors.incidents, value: (r) => r.index }];

export default function SeasonalityPage() {
  const { filters, range } = useFilters();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseSeasonalityView(searchParams), [searchParams]);
  const setView = (change: Partial<SeasonalityView>) => setSearchParams((current) => withSeasonalityView(current, { ...parseSeasonalityView(current), ...change }));
  const navigate = useNavigate();
  const query = useMemo(() => analyticsQuery(filters, range), [filters, range]);
  const report = useSeasonalityReportQuery(query);
  const annotations = useAnnotationListQuery({ from: range.from, to: range.to });
  const data = report.data;
  const status: ChartStatus = data ? 'success' : report.isError ? 'error' : 'pending';
  const common = { status, error: report.error, onRetry: () => void report.refetch() };
  const fileRange = `${range.from}_${range.to}`;

  const incidentsPath = (days: DateRange, drill?: IncidentDrill) => incidentsPagePath({ ...filters, date: { preset: 'custom', ...days } }, drill);
  /** A heatmap cell → the incidents declared on that local weekday and hour in the range, same filters. */
  const cellPath = (cell: HeatmapCell) => incidentsPath(range, { weekday: cell.weekday, hour: cell.hour });
  /** A weekday's bar → the incidents declared on that local weekday in the range, same filters. */
  const weekdayPath = (row: WeekdayProfileRow) => incidentsPath(range, { weekday: row.weekday });
  const rows = data?.[view.trend] ?? [];
  const series = trendSeries(view.measure);
  const markers = useMemo(() => annotationMarkers(annotations.data?.items ?? [], view.trend, rows), [annotations.data, view.trend, rows]);
  const anomalies = data?.anomalies ?? [];
  const trendEmpty = !data || rows.every((row) => row[view.measure] === 0);
  const noData = data !== undefined && !report.isPlaceholderData && data.daily.every((d) => d.incidents === 0 && d.pages === 0 && d.workloadHours === 0);
  const heatEmpty = !data || data.heatmap.every((c) => c[view.heatmap] === 0);
  const weekdayRows = weekdayProfileRows(data?.weekdayIndex ?? null, data?.heatmap ?? []);
  const monthRows = profileRows(data?.monthIndex ?? null, monthNames);
  const yoyRows = yearOverYearRows(data?.yearOverYear ?? []);
  const years = [...(data?.yearOverYear ?? [])].reverse(); // newest first: the newest gets the first colour
  const yoySeries: ComboSeries<YearOverYearRow>[] = years.map((y, i) => ({
    key: yearKey(y.year),
    label: String(y.year),
    color: categoricalColors[i % categoricalColors.length]!,
    dashed: i > 0,
    value: (row) => row.counts[yearKey(y.year)] ?? null,
  }));
  const yoyColumns: TableColumn<YearOverYearRow>[] = [
    { header: 'Month', csvHeader: 'month', value: (r) => monthNames[r.month - 1]! },
    ...[...(data?.yearOverYear ?? [])].map((y): TableColumn<YearOverYearRow> => ({ header: String(y.year), csvHeader: String(y.year), unit: 'count', value: (r) => r.counts[yearKey(y.year)] ?? null })),
  ];
  /** A month of the overlay → its incidents in the newest year that has that month in the range. */
  const yoyMonthPath = (row: YearOverYearRow): string | null => {
    for (const y of years) {
      const days = y.months[row.month - 1] !== null ? monthDrillRange(y.year, row.month, range) : null;
      if (days) return incidentsPath(days);
    }
    return null;
  };
  const periodPath = (row: SeasonalityPeriod) => incidentsPath(periodDrillRange(row.period, view.trend, range));
  const unitName = measureUnitNames[view.measure];

  return (
    <>
      <PageHeader
        title="Seasonality"
        question="When do incidents happen: by week and month, by weekday and hour, around holidays, and in unusual weeks?"
      />
      <FilterBar />
      <StaleFiguresBanner query={report} />
      {noData ? (
        <RangeEmptyState records="incidents, workload or pages" />
      ) : (
        <div className="chart-grid" aria-busy={report.isFetching} data-updating={report.isPlaceholderData}>
          {data && (
            <section className="panel chart-grid-wide holiday-effect" aria-labelledby="holiday-effect-title">
              <h2 id="holiday-effect-title">Holiday effect</h2>
              <p className="holiday-effect-sentence">{holidayEffectSentence(data.holidayEffect)}</p>
              <p className="chart-card-description">
                Days are counted in {data.timezone}.{' '}
                <Link to={definitionPath(SEASONALITY_DEFINITION)}>How holidays and rates are defined</Link>
              </p>
            </section>
          )}

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title={`${trendMeasureLabels[view.measure]} per ${periodNouns[view.trend]} (${unitName})`}
            description={
              data
                ? `${view.trend === 'weekly' ? 'Weeks start on Monday' : 'Days'} in ${data.timezone}; the first and last ${periodNouns[view.trend]} may be partial. ${
                    view.measure === 'incidents' ? 'Bars split incidents by severity. ' : ''
                  }${view.trend === 'weekly' ? 'Rings mark unusual weeks; ' : ''}numbered lines mark annotations. Click a bar for the incidents declared in it.`
                : undefined
            }
            definition={SEASONALITY_DEFINITION}
            rows={rows}
            columns={trendColumns}
            rowKey={(p) => p.period}
            rowLink={periodPath}
            csvFilename={`seasonality-${view.trend}_${fileRange}.csv`}
            empty={trendEmpty}
            emptyText={`No ${trendMeasureLabels[view.measure].toLowerCase()} ${formatDateRange(range)}.`}
            controls={
              <ChartControls label="Trend options">
                <ChartSelect label="Per" value={view.trend} options={granularities.map((g) => ({ value: g, label: granularityLabels[g] }))} onChange={(trend) => setView({ trend })} />
                <ChartSelect label="Measure" value={view.measure} options={trendMeasures.map((m) => ({ value: m, label: trendMeasureLabels[m] }))} onChange={(measure) => setView({ measure })} />
              </ChartControls>
            }
          >
            <ComboChart
              rows={rows}
              category={(p) => p.period}
              bars={series}
              stacked
              unit={measureUnits[view.measure]}
              markers={markers}
              points={
                view.trend === 'weekly' && view.measure === 'incidents'
                  ? anomalies.map((a) => ({ key: a.period, category: a.period, value: a.incidents, color: measureColors.anomaly }))
                  : []
              }
              formatTick={(p) => periodTick(p, view.trend)}
              formatLabel={(p) => periodLabel(p, view.trend)}
              onSelect={(row) => navigate(periodPath(row))}
              selectHint={`Click to see the incidents declared this ${periodNouns[view.trend]}`}
            />
            <div className="trend-notes">
              {annotations.isError && (
                <p className="inline-error" role="alert">
                  Annotations could not be loaded: {describeError(annotations.error)}
                </p>
              )}
              {markers.length > 0 && (
                <div>
                  <h3>Annotations</h3>
                  <ol className="trend-annotations">
                    {markers.map((m) => (
                      <li key={m.key}>
                        <span className="trend-annotation-number" aria-hidden="true">
                          {m.label}
                        </span>
                        <strong>{m.annotation.title}</strong> ({m.annotation.kind}, {periodLabel(m.annotation.date, 'daily')}
                        {m.annotation.endDate && m.annotation.endDate !== m.annotation.date ? ` – ${periodLabel(m.annotation.endDate, 'daily')}` : ''}
                        {m.annotation.services.length > 0 ? `; ${m.annotation.services.map((s) => s.name).join(', ')}` : ''})
                      </li>
                    ))}
                  </ol>
                </div>
              )}
              <div>
                <h3>
                  <span className="anomaly-ring" style={{ borderColor: measureColors.anomaly }} aria-hidden="true" />
                  Unusual weeks ({formatCount(anomalies.length)})
                </h3>
                {anomalies.length === 0 ? (
                  <p className="chart-card-description">No week exceeded its trailing 8-week median by more than 3 median absolute deviations (and at least 3 incidents).</p>
                ) : (
                  <ul className="trend-anomalies">
                    {anomalies.map((a) => (
                      <li key={a.period}>
                        <Link to={incidentsPath(periodDrillRange(a.period, 'weekly', range))}>{periodLabel(a.period, 'weekly')}</Link>: {formatCount(a.incidents)} incidents,
                        expected {formatCount(a.expected)} (+{formatCount(a.excess)})
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </ChartCard>

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title={`${view.heatmap === 'incidents' ? 'Incidents by weekday and hour declared' : 'Pages by weekday and hour sent'} (count)`}
            description={
              data
                ? `Local time in ${data.timezone}, summed over ${formatDateRange(range)}. ${
                    view.heatmap === 'incidents' ? 'Click a cell for the incidents declared in that weekday and hour.' : ''
                  }`
                : undefined
            }
            definition={SEASONALITY_DEFINITION}
            rows={data?.heatmap ?? []}
            columns={heatmapColumns}
            rowKey={(c) => `${c.weekday}-${c.hour}`}
            rowLink={view.heatmap === 'incidents' ? cellPath : undefined}
            csvFilename={`seasonality-heatmap_${fileRange}.csv`}
            empty={heatEmpty}
            emptyText={`No ${view.heatmap} ${formatDateRange(range)}.`}
            controls={
              <ChartControls label="Heatmap options">
                <ChartSelect
                  label="Show"
                  value={view.heatmap}
                  options={heatmapMeasures.map((m) => ({ value: m, label: m === 'incidents' ? 'Incidents' : 'Pages' }))}
                  onChange={(heatmap) => setView({ heatmap })}
                />
              </ChartControls>
            }
          >
            <HeatmapChart
              rowLabels={weekdayNames}
              shortRowLabels={weekdayShortNames}
              columnLabels={hourLabels}
              cellAt={(r, c) => heatmapCellAt(data?.heatmap ?? [], r + 1, c)}
              value={(cell) => cell[view.heatmap]}
              unit="count"
              valueName={view.heatmap}
              describe={(r, c) => describeHeatmapCell(r + 1, c)}
              color={view.heatmap === 'incidents' ? measureColors.incidents : measureColors.pages}
              onSelect={view.heatmap === 'incidents' ? (cell) => navigate(cellPath(cell)) : undefined}
              selectHint="Click for the incidents declared in this hour"
            />
          </ChartCard>

          <ChartCard
            {...common}
            title="Incidents per weekday vs an average day (% of average)"
            description="Mean incidents per day on each weekday ÷ mean incidents per day; the dashed line, 100%, is an average day. Click a weekday for its incidents."
            definition={SEASONALITY_DEFINITION}
            rows={weekdayRows}
            columns={weekdayColumns}
            rowKey={(r) => r.label}
            rowLink={weekdayPath}
            csvFilename={`seasonality-weekday-index_${fileRange}.csv`}
            empty={weekdayRows.length === 0}
            emptyText="Needs incidents and every weekday in the range (at least 7 days)."
          >
            <ComboChart
              rows={weekdayRows}
              category={(r) => r.label}
              bars={indexSeries}
              unit="percent"
              reference={1}
              everyTick
              formatTick={(l) => l.slice(0, 3)}
              onSelect={(row) => navigate(weekdayPath(row))}
              selectHint="Click for the incidents declared on this weekday"
            />
          </ChartCard>

          <ChartCard
            {...common}
            title="Incidents per month of the year vs an average day (% of average)"
            description="Mean incidents per day in each month ÷ mean incidents per day; the dashed line, 100%, is an average day. Click a month for its incidents in the latest year of the range."
            definition={SEASONALITY_DEFINITION}
            rows={monthRows}
            columns={profileColumns('Month')}
            rowKey={(r) => r.label}
            csvFilename={`seasonality-month-index_${fileRange}.csv`}
            empty={monthRows.length === 0}
            emptyText="The month profile needs at least 12 months: choose “Last 365 days” or a longer custom range."
          >
            <ComboChart
              rows={monthRows}
              category={(r) => r.label}
              bars={indexSeries}
              unit="percent"
              reference={1}
              everyTick
              formatTick={(l) => l.slice(0, 3)}
              onSelect={(row) => {
                const path = yoyMonthPath(yoyRows[monthNames.indexOf(row.label as (typeof monthNames)[number])]!);
                if (path) navigate(path);
              }}
              selectHint="Click for this month’s incidents in the latest year"
            />
          </ChartCard>

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Incidents per month, year over year (count)"
            description="One line per calendar year the range touches (newest solid). A month outside the range is left out; the first and last months count only their days in the range. Click a month for its incidents in the newest year."
            definition={SEASONALITY_DEFINITION}
            rows={yoyRows}
            columns={yoyColumns}
            rowKey={(r) => String(r.month)}
            rowLink={(r) => yoyMonthPath(r) ?? incidentsPath(range)}
            csvFilename={`seasonality-year-over-year_${fileRange}.csv`}
            empty={!data || data.yearOverYear.every((y) => y.months.every((m) => !m))}
            emptyText={`No incidents ${formatDateRange(range)}.`}
          >
            <ComboChart
              rows={yoyRows}
              category={(r) => monthNames[r.month - 1]!}
              lines={yoySeries}
              unit="count"
              everyTick
              formatTick={(l) => l.slice(0, 3)}
              onSelect={(row) => {
                const path = yoyMonthPath(row);
                if (path) navigate(path);
              }}
              selectHint="Click for this month’s incidents in the newest year"
            />
          </ChartCard>
        </div>
      )}
    </>
  );
}

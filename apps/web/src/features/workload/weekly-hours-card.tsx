import type { WorkloadResponse, WorkloadWeek } from '@firewatch/shared';
import { useNavigate } from 'react-router';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import type { TableColumn } from '../../components/charts/data-table';
import { isAllZero } from '../../components/charts/series';
import { StackedBarChart } from '../../components/charts/stacked-bar-chart';
import { filterSearch, formatDateRange } from '../filters/filter-state';
import { useFilters } from '../filters/use-filters';
import { bucketHourColumns, bucketHourSeries, weekDrillRange, weekLabel, weekTick } from './workload-view';

const weekSeries = bucketHourSeries<WorkloadWeek>();
const weekColumns: TableColumn<WorkloadWeek>[] = [{ header: 'Week (Monday)', csvHeader: 'week', value: (w) => w.week }, ...bucketHourColumns<WorkloadWeek>()];

interface WeeklyHoursCardProps {
  /** The workload report of the page's filters; undefined while it loads or if it failed. */
  report: WorkloadResponse | undefined;
  status: ChartStatus;
  error: unknown;
  onRetry: () => void;
  title: string;
  /** The sentence under the title, in the report's time zone. */
  description: (timeZone: string) => string;
  definition: string;
  csvFilename: string;
  className?: string;
}

/**
 * Responder hours per week stacked working / late / sleeping, as the Overview and Workload pages
 * draw it: a bar opens the incidents declared that week (its days inside the range), same filters.
 */
export function WeeklyHoursCard({ report, status, error, onRetry, title, description, definition, csvFilename, className = 'chart-grid-wide' }: WeeklyHoursCardProps) {
  const { filters, range } = useFilters();
  const navigate = useNavigate();
  const weekIncidentsPath = (week: WorkloadWeek) => `/incidents${filterSearch({ ...filters, date: { preset: 'custom', ...weekDrillRange(week.week, range) } })}`;
  const weeks = report?.weekly ?? [];
  return (
    <ChartCard
      status={status}
      error={error}
      onRetry={onRetry}
      className={className}
      title={title}
      description={report ? description(report.timezone) : undefined}
      definition={definition}
      rows={weeks}
      columns={weekColumns}
      rowKey={(w) => w.week}
      rowLink={weekIncidentsPath}
      csvFilename={csvFilename}
      empty={!report || isAllZero(weeks, weekSeries)}
      emptyText={`No responder workload on incidents ${formatDateRange(range)}.`}
    >
      <StackedBarChart
        rows={weeks}
        category={(w) => w.week}
        series={weekSeries}
        unit="hours"
        formatTick={weekTick}
        formatLabel={weekLabel}
        onSelect={(week) => navigate(weekIncidentsPath(week))}
        selectHint="Click to see the incidents declared this week"
      />
    </ChartCard>
  );
}

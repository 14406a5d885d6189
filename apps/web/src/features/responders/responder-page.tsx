import type { QualifyingExperience, ResponderDetail } from '@firewatch/shared';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { bucketColors } from '../../components/charts/bucket-colors';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import type { TableColumn } from '../../components/charts/data-table';
import { metricDefinitions } from '../../components/charts/definition-link';
import { formatCount, formatHours, formatRatio } from '../../components/charts/format';
import { RankingChart } from '../../components/charts/ranking-chart';
import type { ChartSeries } from '../../components/charts/series';
import { HeadlineFigures, type HeadlineFigure } from '../../components/headline-figures';
import { PageHeader } from '../../components/page-header';
import { ApiError, describeError } from '../../data/api-client';
import { useResponderDetailQuery } from '../../data/responders/responder-detail-query';
import { StaleFiguresBanner } from '../../components/stale-figures-banner';
import { FilterBar } from '../filters/filter-bar';
import { defaultFilters, filterSearch, formatDateRange } from '../filters/filter-state';
import { useFilters } from '../filters/use-filters';
import { incidentsPagePath } from '../incidents/incident-list-state';
import { AsOfControl } from '../readiness/as-of-control';
import { READINESS_DEFINITION, readAsOf } from '../readiness/readiness-view';
import { bucketHourColumns, bucketHourSeries } from '../workload/workload-view';
import '../workload/workload.css';
import '../readiness/readiness.css';
import { responderHeadline } from './responder-view';

const dayLabel = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL yyyy');
const dayTick = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL');
const instantLabel = (instant: string, zone: string) => DateTime.fromISO(instant, { zone }).setLocale('en-GB').toFormat('d LLL yyyy');

type WorkloadRow = ResponderDetail['workload'] & { label: string };
const workloadSeries = bucketHourSeries<WorkloadRow>();
const workloadColumns: TableColumn<WorkloadRow>[] = [
  { header: 'Workload', csvHeader: 'workload', value: (w) => w.label },
  ...bucketHourColumns<WorkloadRow>(),
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (w) => w.incidents },
  { header: 'Game days (h)', csvHeader: 'game_day_hours', unit: 'hours', value: (w) => Math.round((w.gameDayMinutes / 60) * 100) / 100 },
];

const experienceSeries: ChartSeries<QualifyingExperience>[] = [
  { key: 'minutes', label: 'Workload on it', color: '#0072B2', value: (e) => e.minutes / 60 },
];
const experienceColumns: TableColumn<QualifyingExperience>[] = [
  { header: 'Incident', csvHeader: 'title', value: (e) => e.incident.title },
  { header: 'Id', csvHeader: 'external_id', value: (e) => e.incident.externalId },
  { header: 'Date', csvHeader: 'date', value: (e) => e.date },
  { header: 'Kind', csvHeader: 'kind', value: (e) => (e.incident.kind === 'game_day' ? 'Game day' : `SEV${e.incident.severity}`) },
  { header: 'Roles', csvHeader: 'roles', value: (e) => e.roles.join('; ') || '—' },
  { header: 'Workload (min)', csvHeader: 'minutes', unit: 'minutes', value: (e) => e.minutes },
  { header: 'Keeps ready until', csvHeader: 'ready_until', value: (e) => e.readyUntil },
  { header: 'Services', csvHeader: 'services', value: (e) => e.services.join('; ') },
];

function headlineFigures(detail: ResponderDetail): HeadlineFigure[] {
  const h = responderHeadline(detail);
  const { readiness } = detail;
  return [
    {
      label: `Readiness on ${dayLabel(readiness.asOf)}`,
      value: h.readiness,
      note: readiness.expiresOn ? `until ${dayLabel(readiness.expiresOn)} (${formatCount(h.daysLeft ?? 0)} days left)` : readiness.lastExperienceOn ? `last experience ${dayLabel(readiness.lastExperienceOn)}` : 'no qualifying experience known',
    },
    { label: 'Responder hours', value: formatHours(h.hours), note: `on ${formatCount(h.incidents)} incidents` },
    { label: 'Sleeping hours', value: formatRatio(h.sleepingShare), note: 'of the hours', color: bucketColors.sleeping },
    { label: 'Qualifying experiences', value: formatCount(h.experiences), note: 'in the range' },
    { label: 'Game-day hours', value: formatHours(h.gameDayHours), note: 'not included above' },
    {
      label: 'Pager interruptions',
      value: formatCount(detail.interruptions.interruptions),
      note: `${formatCount(detail.interruptions.sleepingInterruptions)} while sleeping, over ${formatCount(detail.interruptions.disruptedNights)} nights`,
      color: bucketColors.sleeping,
    },
  ];
}

export default function ResponderPage() {
  const { externalId = '' } = useParams();
  const [params] = useSearchParams();
  const { filters, range } = useFilters();
  const navigate = useNavigate();
  const asOf = readAsOf(params);
  const query = useMemo(() => ({ from: range.from, to: range.to, asOf: asOf ?? undefined }), [range, asOf]);
  const detail = useResponderDetailQuery(externalId, query);
  const data = detail.data;
  const notFound = detail.error instanceof ApiError && detail.error.statusCode === 404;
  const status: ChartStatus = data ? 'success' : detail.isError ? 'error' : 'pending';
  const common = { status, error: detail.error, onRetry: () => void detail.refetch() };
  const fileName = `${externalId}_${range.from}_${range.to}`;
  const workloadRows: WorkloadRow[] = data ? [{ ...data.workload, label: `${data.name}, ${formatDateRange(range)}` }] : [];
  const incidentPath = (e: QualifyingExperience) => `/incidents/${encodeURIComponent(e.incident.externalId)}`;
  /** The workload bar → the incidents (kind `incident`) this responder worked on in the range, whenever declared. */
  const workedIncidentsPath = () => incidentsPagePath({ ...defaultFilters, date: { preset: 'custom', ...range } }, { responder: externalId });
  const serviceIncidentsPath = (service: string) => `/incidents${filterSearch({ ...filters, date: { preset: 'custom', ...range }, team: null, services: [service] })}`;

  if (notFound) {
    return (
      <>
        <PageHeader title="Responder not found" question={`No responder has the id “${externalId}”.`} />
        <p>
          <Link to={`/readiness${filterSearch(filters)}`}>Back to readiness</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title={data?.name ?? 'Responder'} question="Before a 1:1: is this responder ready, on what experience, until when, and how much load have they carried?" />
      {data && (
        <p className="responder-facts">
          {data.team ? `${data.team.name} team` : 'No team'} · {data.timezone}
          {data.email && <> · {data.email}</>}
          {data.startedAt && <> · joined {instantLabel(data.startedAt, data.timezone)}</>}
          {data.leftAt && <> · left {instantLabel(data.leftAt, data.timezone)}</>}
        </p>
      )}
      <FilterBar />
      <p className="muted">The date range applies to workload and experiences; team, service and severity filters do not narrow one responder.</p>
      <AsOfControl shownAsOf={data?.readiness.asOf} label="Readiness as of" />
      <StaleFiguresBanner query={detail} />
      <div className="chart-grid" aria-busy={detail.isFetching} data-updating={detail.isPlaceholderData}>
        {data && (
          <section className="panel chart-grid-wide" aria-label="Headline figures">
            <HeadlineFigures label={`${data.name} in the selected range`} figures={headlineFigures(data)} />
            <p className="responder-services">
              Covers on {dayLabel(data.readiness.asOf)}:{' '}
              {data.readiness.services.length === 0
                ? 'no service'
                : data.readiness.services.map((service, index) => (
                    <span key={service}>
                      {index > 0 && ', '}
                      <Link to={serviceIncidentsPath(service)}>{service}</Link>
                    </span>
                  ))}
            </p>
          </section>
        )}

        <ChartCard
          {...common}
          className="chart-grid-wide"
          title="Qualifying experiences in the range: workload on each (hours)"
          description={
            data ? `Each one keeps ${data.name} ready until the date in the table. Newest first; click a bar to open the incident or game day.` : undefined
          }
          definition={READINESS_DEFINITION}
          rows={data?.experiences ?? []}
          columns={experienceColumns}
          rowKey={(e) => e.incident.externalId}
          rowLink={incidentPath}
          csvFilename={`responder-experiences_${fileName}.csv`}
          empty={!data || data.experiences.length === 0}
          emptyText={`No qualifying experience (major incident or game day) ${formatDateRange(range)}.`}
        >
          <RankingChart
            rows={data?.experiences ?? []}
            category={(e) => `${dayTick(e.date)} · ${e.incident.title}`}
            series={experienceSeries}
            unit="hours"
            labelWidth={260}
            onSelect={(e) => navigate(incidentPath(e))}
            selectHint="Click to open the incident"
          />
        </ChartCard>

        <ChartCard
          {...common}
          className="chart-grid-wide"
          title="Workload by time of day (hours)"
          description="Hours on incidents in the range, split in the responder’s own time zone; game days are on their own line of the table. Click the bar for the incidents worked on."
          definition={metricDefinitions.workload}
          rows={workloadRows}
          columns={workloadColumns}
          rowKey={(w) => w.label}
          rowLink={workedIncidentsPath}
          csvFilename={`responder-workload_${fileName}.csv`}
          empty={!data || data.workload.minutes === 0}
          emptyText={`No workload on incidents ${formatDateRange(range)}.`}
        >
          <RankingChart
            rows={workloadRows}
            category={() => 'Responder hours'}
            series={workloadSeries}
            unit="hours"
            onSelect={() => navigate(workedIncidentsPath())}
            selectHint="Click for the incidents worked on in the range"
          />
        </ChartCard>
      </div>
    </>
  );
}
